using System.Text.Json;
using Dispatch.Functions.Security;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Import;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Apis;

/// <summary>Rounds, villages and cadres (HR): JSON, or <c>text/csv</c> for bulk import; upsert by id, all or nothing.</summary>
internal static class MasterDataApi
{
    /// <summary>Maps <c>POST /api/rounds</c>, <c>/api/villages</c>, <c>/api/cadres</c>.</summary>
    public static IEndpointRouteBuilder MapMasterDataApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Master data").RequireRole(DispatchRoles.HrPolicy).ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapPost("/rounds", UpsertRound).WithName("UpsertRound").WithSummary("Creates or replaces a round.");
        group.MapPost("/villages", UpsertVillages).WithName("UpsertVillages")
            .Accepts<List<Village>>("application/json", "text/csv").ProducesProblems(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Creates or replaces villages: a JSON array, or text/csv with the same column names (lists separated by ';').");
        group.MapPost("/cadres", UpsertCadres).WithName("UpsertCadres")
            .Accepts<List<Cadre>>("application/json", "text/csv").ProducesProblems(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Creates or replaces cadres: a JSON array, or text/csv with the same column names.");
        return routes;
    }

    /// <summary><c>POST /api/rounds</c>.</summary>
    public static async Task<Results<Ok<Round>, ValidationProblem>> UpsertRound(
        Round round, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var errors = await assignments.UpsertRoundAsync(round, cancellationToken);
        return errors.IsValid ? TypedResults.Ok(round) : TypedResults.ValidationProblem(errors.ToDictionary());
    }

    /// <summary><c>POST /api/villages</c>.</summary>
    public static Task<Results<Ok<ImportResult>, ValidationProblem>> UpsertVillages(
        HttpRequest request, [FromServices] AssignmentService assignments, [FromServices] IOptions<HttpJsonOptions> json, CancellationToken cancellationToken = default) =>
        ImportAsync(request, json.Value.SerializerOptions, assignments.ImportVillagesCsvAsync, assignments.UpsertVillagesAsync, cancellationToken);

    /// <summary><c>POST /api/cadres</c>.</summary>
    public static Task<Results<Ok<ImportResult>, ValidationProblem>> UpsertCadres(
        HttpRequest request, [FromServices] AssignmentService assignments, [FromServices] IOptions<HttpJsonOptions> json, CancellationToken cancellationToken = default) =>
        ImportAsync(request, json.Value.SerializerOptions, assignments.ImportCadresCsvAsync, assignments.UpsertCadresAsync, cancellationToken);

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAsync<T>(
        HttpRequest request,
        JsonSerializerOptions json,
        Func<TextReader, CancellationToken, Task<CsvImportResult<T>>> importCsv,
        Func<IReadOnlyList<T>, CancellationToken, Task<ValidationErrors>> upsert,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The CSV reader is synchronous and the server forbids synchronous body reads: buffer first (≤ 1 MiB).
            using var body = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var reader = new StringReader(await body.ReadToEndAsync(cancellationToken));
            var result = await importCsv(reader, cancellationToken);
            return result.Succeeded
                ? TypedResults.Ok(new ImportResult(result.Items.Count))
                : TypedResults.ValidationProblem(result.ToDictionary(), detail: $"{result.Errors.Count} problem(s) in the CSV; nothing was imported.");
        }

        var items = await JsonSerializer.DeserializeAsync<List<T>>(request.Body, json, cancellationToken);
        if (items is null || items.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a non-empty JSON array."] });
        }

        var errors = await upsert(items, cancellationToken);
        return errors.IsValid ? TypedResults.Ok(new ImportResult(items.Count)) : TypedResults.ValidationProblem(errors.ToDictionary(), detail: "Nothing was imported.");
    }
}
