using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Security;

/// <summary>Puts endpoints behind a role policy and documents the 401 and 403 answers that come with it.</summary>
internal static class RoleEndpointExtensions
{
    private static readonly string[] ProblemContentTypes = ["application/problem+json"];

    /// <summary>Requires <paramref name="policy"/> (one of <see cref="DispatchRoles"/>' policies).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!DispatchRoles.PolicyRoles.ContainsKey(policy))
        {
            throw new ArgumentException($"'{policy}' is not a Dispatch policy.", nameof(policy));
        }

        builder.RequireAuthorization(policy);
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ProblemContentTypes),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ProblemContentTypes));
        return builder;
    }

    /// <summary>Documents that the endpoint can answer with a ProblemDetails of <paramref name="statusCodes"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemContentTypes));
        }

        return builder;
    }
}
