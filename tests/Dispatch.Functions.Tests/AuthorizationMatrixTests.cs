using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dispatch.Functions.Security;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests;

/// <summary>
/// Every endpoint the host maps must appear in <see cref="Expected"/> with the policy it needs; the matrix then
/// checks no key → 401, a key without the role → 403 and each admitted role gets through.
/// </summary>
public sealed partial class AuthorizationMatrixTests(DispatchAppFactory factory) : IClassFixture<DispatchAppFactory>
{
    private const string Anonymous = "anonymous";

    // Anonymous to the key scheme, but the endpoint checks its own credential (URL secret, signature).
    private const string OwnCredential = "anonymous+own-credential";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /health"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /api/admin/clock/"] = DispatchRoles.AdminPolicy,
        ["POST /api/admin/clock/advance"] = DispatchRoles.AdminPolicy,
        ["GET /runtime/webhooks/durabletask/instances/{instanceId}"] = DispatchRoles.StatusReadPolicy,
        ["GET /runtime/webhooks/durabletask/instances"] = DispatchRoles.StatusReadPolicy,
        ["POST /runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{eventName}"] = DispatchRoles.AdminPolicy,
        ["POST /runtime/webhooks/durabletask/instances/{instanceId}/terminate"] = DispatchRoles.AdminPolicy,
        ["POST /runtime/webhooks/durabletask/instances/{instanceId}/suspend"] = DispatchRoles.AdminPolicy,
        ["POST /runtime/webhooks/durabletask/instances/{instanceId}/resume"] = DispatchRoles.AdminPolicy,
        ["DELETE /runtime/webhooks/durabletask/instances/{instanceId}"] = DispatchRoles.AdminPolicy,
        ["DELETE /runtime/webhooks/durabletask/instances"] = DispatchRoles.AdminPolicy,
        ["POST /AdvanceDueWork"] = Anonymous,
        ["GET /checkin/{token}"] = Anonymous,
        ["POST /checkin/{token}"] = Anonymous,
        ["GET /handover/{token}"] = Anonymous,
        ["POST /handover/{token}"] = Anonymous,
        ["GET /review/{token}"] = Anonymous,
        ["POST /review/{token}"] = Anonymous,
        ["POST /api/assignments"] = DispatchRoles.HrPolicy,
        ["POST /api/rounds/{roundId}/assignments"] = DispatchRoles.HrPolicy,
        ["POST /api/assignments/{assignmentId}/selection"] = DispatchRoles.HrPolicy,
        ["POST /api/assignments/{assignmentId}/recall"] = DispatchRoles.HrPolicy,
        ["POST /api/assignments/{assignmentId}/decision"] = DispatchRoles.HrPolicy,
        ["GET /api/assignments"] = DispatchRoles.ManagerPolicy,
        ["GET /api/assignments/{assignmentId}"] = DispatchRoles.ManagerPolicy,
        ["GET /api/rounds/{roundId}/summary"] = DispatchRoles.ManagerPolicy,
        ["POST /api/rounds"] = DispatchRoles.HrPolicy,
        ["POST /api/villages"] = DispatchRoles.HrPolicy,
        ["POST /api/cadres"] = DispatchRoles.HrPolicy,
        ["POST /api/inbound/sendgrid"] = OwnCredential,
        ["POST /api/events/sendgrid"] = OwnCredential,
        ["GET /api/admin/outbox"] = DispatchRoles.AdminPolicy,
        ["GET /dev/outbox"] = DispatchRoles.AdminPolicy,
    };

    private static readonly Dictionary<string, string> RoleKeys = new(StringComparer.Ordinal)
    {
        [DispatchRoles.Hr] = DispatchAppFactory.HrKey,
        [DispatchRoles.Manager] = DispatchAppFactory.ManagerKey,
        [DispatchRoles.Admin] = DispatchAppFactory.AdminKey,
    };

    [Fact]
    public void Endpoints_EveryMappedEndpoint_HasExpectedPolicy()
    {
        var actual = MappedEndpoints();

        actual.Keys.Order(StringComparer.Ordinal).ShouldBe(Expected.Keys.Order(StringComparer.Ordinal), "a new endpoint needs a row in Expected (its role)");
        foreach (var (route, policy) in actual)
        {
            policy.ShouldBe(Expected[route] == OwnCredential ? Anonymous : Expected[route], route);
        }
    }

    [Fact]
    public async Task Endpoints_NoKey_Return401ForEveryProtectedEndpoint()
    {
        using var client = factory.CreateClient(key: null);
        var failures = new List<string>();

        foreach (var (route, policy) in Expected.Where(e => e.Value is not Anonymous and not OwnCredential))
        {
            using var response = await SendAsync(client, route, key: null);
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{route}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Endpoints_WrongKey_Return401()
    {
        using var client = factory.CreateClient(key: null);

        foreach (var route in Expected.Where(e => e.Value is not Anonymous and not OwnCredential).Select(e => e.Key))
        {
            using var response = await SendAsync(client, route, "not-a-key-of-this-host-at-all");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            problem.GetProperty("detail").GetString()!.ShouldContain("not valid");
        }
    }

    [Fact]
    public async Task Endpoints_EachRole_ForbiddenOrAdmittedByPolicy()
    {
        using var client = factory.CreateClient(key: null);
        var failures = new List<string>();

        foreach (var (route, policy) in Expected.Where(e => e.Value != OwnCredential))
        {
            foreach (var (role, key) in RoleKeys)
            {
                using var response = await SendAsync(client, route, key);
                var admitted = policy == Anonymous || DispatchRoles.PolicyRoles[policy].Contains(role);
                var status = response.StatusCode;
                if (admitted && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} as {role}: expected admitted, got {(int)status}");
                }
                else if (!admitted && (status != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{route} as {role}: expected 403 ProblemDetails, got {(int)status}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Endpoints_KeyInCodeQuery_IsAccepted()
    {
        using var client = factory.CreateClient(key: null);

        using var response = await client.GetAsync($"/api/admin/clock/?code={Uri.EscapeDataString(DispatchAppFactory.AdminKey)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Dictionary<string, string> MappedEndpoints()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Distinct().ToList();
            var policy = anonymous ? Anonymous : policies.Count == 1 ? policies[0] ?? "default" : policies.Count == 0 ? "none" : string.Join("+", policies);
            foreach (var method in methods)
            {
                result[$"{method} {endpoint.RoutePattern.RawText}"] = policy;
            }
        }

        return result;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string route, string? key)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(route[..space]);
        var path = RouteParameter().Replace(route[(space + 1)..], "t1");
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
