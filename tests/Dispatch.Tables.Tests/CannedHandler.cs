using System.Net;
using System.Text;
using Azure.Core.Pipeline;

namespace Dispatch.Tables.Tests;

/// <summary>An HTTP handler that records requests and answers from a queue, for tests that need no server.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();

    public List<HttpRequestMessage> Requests { get; } = [];

    public TableClientOptions Options() => new() { Transport = new HttpClientTransport(new HttpClient(this)), Retry = { MaxRetries = 0 } };

    public CannedHandler Answer(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        _answers.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}");
        }

        return Task.FromResult(_answers.Dequeue()(request));
    }
}
