using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dispatch.Mail.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.SendGrid;

/// <summary>
/// A small client for SendGrid's v3 Mail Send API on <see cref="HttpClient"/>. 202 (or 200 in sandbox mode) is
/// success; 429 and 5xx are retried, waiting until <c>X-RateLimit-Reset</c> when given, else with doubling
/// back-off, measured on the injected <see cref="TimeProvider"/>; any other status fails at once with SendGrid's
/// error messages in the <see cref="MailTransportException"/>.
/// </summary>
public sealed partial class SendGridClient
{
    private const int MaxErrorBodyChars = 16 * 1024;
    private readonly HttpClient _http;
    private readonly SendGridClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SendGridClient> _logger;

    /// <summary>Creates the client; <paramref name="http"/> comes from IHttpClientFactory.</summary>
    public SendGridClient(HttpClient http, IOptions<SendGridClientOptions> options, TimeProvider timeProvider, ILogger<SendGridClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new ArgumentException($"{SendGridClientOptions.SectionName}:ApiKey is empty.", nameof(options));
        }
    }

    /// <summary>Sends <paramref name="message"/>; throws <see cref="MailTransportException"/> when SendGrid refuses it or stays unavailable.</summary>
    public async Task<SendGridResponse> SendEmailAsync(SendGridMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.SandboxMode |= _options.SandboxMode;
        var body = message.ToJson();
        var uri = new Uri(_options.BaseUrl, "v3/mail/send");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                // No answer: SendGrid may or may not have queued the mail, and it has no idempotency key, so
                // retrying here could send twice. The caller's notice state records it as in doubt.
                throw new MailTransportException($"SendGrid did not answer: {ex.Message}", ex);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                    return new SendGridResponse(response.StatusCode, id, attempt);
                }

                var errors = await ReadErrorsAsync(response, cancellationToken).ConfigureAwait(false);
                var transient = status == 429 || status >= 500;
                var summary = string.Create(CultureInfo.InvariantCulture, $"SendGrid answered {status} {response.ReasonPhrase}: {(errors.Count == 0 ? "no error details" : string.Join("; ", errors))}");
                if (!transient || attempt >= _options.MaxAttempts)
                {
                    throw new MailTransportException(transient ? $"{summary} (gave up after {attempt} attempts)" : summary, status, errors, transient);
                }

                var delay = Backoff(response, attempt);
                LogRetry(_logger, status, attempt, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<string>> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length > MaxErrorBodyChars)
        {
            text = text[..MaxErrorBodyChars];
        }

        var errors = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in list.EnumerateArray())
                {
                    var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var field = e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    if (message is not null)
                    {
                        errors.Add(field is null ? message : $"{message} (field {field})");
                    }
                }
            }
        }
        catch (JsonException)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                errors.Add(text.Trim());
            }
        }

        return errors;
    }

    private TimeSpan Backoff(HttpResponseMessage response, int attempt)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - _timeProvider.GetUtcNow();
            return wait <= TimeSpan.Zero ? _options.InitialBackoff : Min(wait, _options.MaxBackoff);
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date - _timeProvider.GetUtcNow()) ?? TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                return Min(wait, _options.MaxBackoff);
            }
        }

        var exponential = _options.InitialBackoff * Math.Pow(2, attempt - 1);
        return Min(exponential, _options.MaxBackoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid answered {Status} on attempt {Attempt}; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, TimeSpan delay);
}
