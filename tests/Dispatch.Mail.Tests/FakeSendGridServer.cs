using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dispatch.Mail.Tests;

/// <summary>
/// A local HTTP listener on 127.0.0.1 speaking the SendGrid Mail Send contract: each request is recorded (headers,
/// exact body bytes) and answered by the next scripted response (202 + X-Message-Id by default).
/// </summary>
internal sealed class FakeSendGridServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<Action<HttpListenerResponse>> _script = new();
    private readonly Task _loop;
    private int _messageCounter;

    public FakeSendGridServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public void Enqueue(Action<HttpListenerResponse> respond)
    {
        lock (_script)
        {
            _script.Enqueue(respond);
        }
    }

    public void EnqueueError(int status, string body, params (string Name, string Value)[] headers) => Enqueue(r =>
    {
        r.StatusCode = status;
        foreach (var (n, v) in headers)
        {
            r.Headers[n] = v;
        }

        r.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        r.OutputStream.Write(bytes);
    });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            lock (Requests)
            {
                Requests.Add(new RecordedRequest(
                    context.Request.HttpMethod,
                    context.Request.Url!.AbsolutePath,
                    context.Request.Headers["Authorization"],
                    context.Request.ContentType,
                    body.ToArray()));
            }

            Action<HttpListenerResponse>? respond;
            lock (_script)
            {
                _script.TryDequeue(out respond);
            }

            var response = context.Response;
            if (respond is null)
            {
                response.StatusCode = 202;
                response.Headers["X-Message-Id"] = "msg-" + Interlocked.Increment(ref _messageCounter);
            }
            else
            {
                respond(response);
            }

            response.Close();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, byte[] Body)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);
    }
}
