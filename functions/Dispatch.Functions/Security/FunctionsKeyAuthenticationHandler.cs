using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dispatch.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Security;

/// <summary>
/// Authenticates a request by the key it carries, as Azure Functions does: the <c>x-functions-key</c> header,
/// else the <c>code</c> query parameter. The key identifies one role; keys are compared in constant time.
/// Challenges and refusals answer with ProblemDetails.
/// </summary>
internal sealed class FunctionsKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DispatchHostOptions> hostOptions,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "FunctionsKey";

    /// <summary>The header Azure Functions reads a key from.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter Azure Functions reads a key from.</summary>
    public const string QueryName = "code";

    private const string FailureItem = "Dispatch.KeyFailure";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = Request.Query[QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var role = FindRole(presented, hostOptions.Value.Keys);
        if (role is null)
        {
            Context.Items[FailureItem] = true;
            return Task.FromResult(AuthenticateResult.Fail("The key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items.ContainsKey(FailureItem);
        return WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            invalid
                ? "The key given is not valid."
                : $"This endpoint needs a key, sent as the '{HeaderName}' header or the '{QueryName}' query parameter.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "The key given does not grant the role this endpoint needs.");

    // Every configured key is compared, so the time taken does not reveal which role (if any) nearly matched.
    private static string? FindRole(string presented, DispatchHostOptions.KeySettings keys)
    {
        var given = Encoding.UTF8.GetBytes(presented);
        string? found = null;
        foreach (var (role, key) in new[] { (DispatchRoles.Hr, keys.Hr), (DispatchRoles.Manager, keys.Manager), (DispatchRoles.Admin, keys.Admin) })
        {
            if (!string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key)))
            {
                found = role;
            }
        }

        return found;
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = SchemeName;
        }

        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
