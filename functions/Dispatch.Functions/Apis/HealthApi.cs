using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dispatch.Functions.Apis;

/// <summary>Liveness and version.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithName("GetHealth").AllowAnonymous();
        return routes;
    }

    /// <summary>The informational version of the host assembly, e.g. <c>0.1.0+abc123</c>.</summary>
    public static string Version { get; } =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static Ok<HealthReport> GetHealth() => TypedResults.Ok(new HealthReport("ok", Version));
}
