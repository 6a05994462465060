using System.Net;
using System.Text.Json;

namespace Dispatch.Functions.Tests.Infrastructure;

/// <summary>Reads RFC 7807 answers.</summary>
public static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        root.GetProperty("status").GetInt32().ShouldBe((int)status);
        root.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        return root;
    }

    public static async Task<string[]> ShouldBeFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.TryGetProperty("errors", out var errors).ShouldBeTrue(problem.ToString());
        errors.TryGetProperty(field, out var messages).ShouldBeTrue($"no error for '{field}' in {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
