using System.Reflection;
using Azure;
using Dispatch.Tables;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dispatch.Functions.Apis;

/// <summary>Liveness, version and whether Table Storage answers.</summary>
internal static class HealthApi
{
    /// <summary>How long the storage probe may take before storage counts as unreachable.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealthAsync).WithName("GetHealth").AllowAnonymous();
        return routes;
    }

    /// <summary>The informational version of the host assembly, e.g. <c>0.1.0+abc123</c>.</summary>
    public static string Version { get; } =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealthAsync(
        IServiceProvider services, CancellationToken cancellationToken)
    {
        // In the in-memory storage mode no TableServiceClient is registered: memory is always reachable.
        if (services.GetService<TableServiceClient>() is not { } tables || await CanReachAsync(tables, cancellationToken))
        {
            return TypedResults.Ok(new HealthReport("ok", Version, "ok"));
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unreachable",
            detail: $"Table Storage did not answer within {StorageTimeout.TotalSeconds:0} seconds.",
            extensions: new Dictionary<string, object?> { ["version"] = Version, ["storage"] = "unreachable" });
    }

    // Listing at most one table is the cheapest authenticated request the Table service offers.
    private static async Task<bool> CanReachAsync(TableServiceClient tables, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await using var page = tables.QueryTablesAsync(maxPerPage: 1, cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
            await page.MoveNextAsync();
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException or IOException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
