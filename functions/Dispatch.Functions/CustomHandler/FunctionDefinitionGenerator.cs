using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Dispatch.Functions.CustomHandler;

/// <summary>
/// Derives the Azure Functions function definitions from the host's endpoints, so the deployment never
/// drifts from the routes the host serves.
/// </summary>
/// <remarks>
/// Routes are grouped by their leading literal segments (<c>/api/&lt;area&gt;</c>, <c>/runtime/webhooks/&lt;name&gt;</c>,
/// otherwise the first segment). Every endpoint of a group must have the same auth level, taken from, in order:
/// <see cref="FunctionAuthLevelMetadata"/>; <c>AllowAnonymous()</c> (anonymous); <c>RequireAuthorization(…)</c>
/// (function); else the documented surface: token links, SendGrid webhooks, health and OpenAPI are anonymous,
/// everything else needs a key.
/// </remarks>
internal static class FunctionDefinitionGenerator
{
    /// <summary>The catch-all parameter name used for groups with more than one route.</summary>
    public const string RestParameter = "rest";

    // Prefixes the HTTP surface documents as key-less: they check their own secret (signed token, webhook signature).
    private static readonly string[] AnonymousPrefixes =
        ["checkin", "handover", "review", "api/inbound", "api/events", "health", "openapi"];

    /// <summary>Builds one HTTP function per route group, plus the timer function.</summary>
    /// <param name="endpoints">The host's endpoints (from <see cref="EndpointDataSource"/>).</param>
    /// <param name="timer">The timer function definition.</param>
    /// <returns>The definitions, ordered by name.</returns>
    /// <exception cref="InvalidOperationException">A route cannot be grouped, or a group mixes auth levels.</exception>
    public static IReadOnlyList<IFunctionDefinition> Generate(IEnumerable<Endpoint> endpoints, TimerFunctionDefinition timer)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(timer);

        var routes = endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CustomHandlerTriggerMetadata>() is null)
            .Select(e => new GroupedRoute(e, GroupOf(e), AuthLevelOf(e)))
            .ToList();

        var definitions = new List<IFunctionDefinition> { timer };
        foreach (var group in routes.GroupBy(r => r.Group, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var levels = group.Select(r => r.AuthLevel).Distinct().ToList();
            if (levels.Count > 1)
            {
                var detail = string.Join("; ", group.Select(r => $"{Display(r.Endpoint)} is {r.AuthLevel}"));
                throw new InvalidOperationException(
                    $"Route group '/{group.Key}' mixes Functions auth levels ({detail}). One function forwards the whole group, " +
                    $"so give its endpoints one level (RequireAuthorization/AllowAnonymous or {nameof(FunctionAuthLevelMetadata)}), or move them under another prefix.");
            }

            var name = FunctionName(group.Key);
            if (string.Equals(name, timer.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Route group '/{group.Key}' would be named '{name}', the timer function's name.");
            }

            var patterns = group.Select(r => r.Endpoint.RoutePattern).ToList();
            var distinctTexts = patterns.Select(Template).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var route = distinctTexts.Count == 1 && patterns.All(IsSimple)
                ? distinctTexts[0]
                : $"{group.Key}/{{*{RestParameter}}}";

            definitions.Add(new HttpFunctionDefinition(
                name,
                route,
                levels[0],
                MethodsOf(group.Select(r => r.Endpoint)),
                [.. patterns.Select(p => "/" + Template(p)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)]));
        }

        return [.. definitions.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The route group of an endpoint: its leading literal segments, lower case, without slashes at the ends.</summary>
    public static string GroupOf(RouteEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var literals = new List<string>();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            if (segment.Parts.Count != 1 || segment.Parts[0] is not RoutePatternLiteralPart literal)
            {
                break;
            }

            literals.Add(literal.Content.ToLowerInvariant());
        }

        if (literals.Count == 0)
        {
            throw new InvalidOperationException(
                $"{Display(endpoint)} starts with a parameter; a Functions route needs a literal first segment to be grouped.");
        }

        var depth = literals[0] switch
        {
            "api" => 2,
            "runtime" => 3,
            _ => 1,
        };
        return string.Join('/', literals.Take(depth));
    }

    /// <summary>The Functions auth level an endpoint needs (see the class remarks for the order of the rules).</summary>
    public static FunctionAuthLevel AuthLevelOf(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.GetMetadata<FunctionAuthLevelMetadata>() is { } explicitLevel)
        {
            return explicitLevel.Level;
        }

        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return FunctionAuthLevel.Anonymous;
        }

        if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0)
        {
            return FunctionAuthLevel.Function;
        }

        var path = endpoint is RouteEndpoint route ? Template(route.RoutePattern) : string.Empty;
        return AnonymousPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) ||
                                          path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase))
            ? FunctionAuthLevel.Anonymous
            : FunctionAuthLevel.Function;
    }

    /// <summary>A function name for a route group: PascalCase of its segments, e.g. <c>api/rounds</c> → <c>ApiRounds</c>.</summary>
    public static string FunctionName(string group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        var name = new StringBuilder();
        foreach (var word in group.Split(['/', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string([.. word.Where(char.IsAsciiLetterOrDigit)]);
            if (letters.Length > 0)
            {
                name.Append(char.ToUpperInvariant(letters[0])).Append(letters.AsSpan(1));
            }
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            throw new ArgumentException($"Route group '{group}' gives no valid function name.", nameof(group));
        }

        return name.ToString();
    }

    /// <summary>The route template in Functions syntax: no leading slash, parameters without constraints or defaults.</summary>
    public static string Template(RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } p => "{*" + p.Name + "}",
            RoutePatternParameterPart { IsOptional: true } p => "{" + p.Name + "?}",
            RoutePatternParameterPart p => "{" + p.Name + "}",
            _ => throw new InvalidOperationException($"Unknown route part in '{pattern.RawText}'."),
        })));
        return string.Join('/', segments);
    }

    private static bool IsSimple(RoutePattern pattern) =>
        pattern.PathSegments.All(s => s.Parts.Count == 1 && s.Parts[0] is not RoutePatternParameterPart { IsCatchAll: true });

    private static List<string> MethodsOf(IEnumerable<RouteEndpoint> endpoints)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var metadata = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
            if (metadata is null || metadata.HttpMethods.Count == 0)
            {
                return [];
            }

            foreach (var method in metadata.HttpMethods)
            {
                methods.Add(method.ToLower(CultureInfo.InvariantCulture));
            }
        }

        return [.. methods];
    }

    private static string Display(Endpoint endpoint) =>
        endpoint is RouteEndpoint route ? $"'/{Template(route.RoutePattern)}' ({endpoint.DisplayName})" : $"'{endpoint.DisplayName}'";

    private sealed record GroupedRoute(RouteEndpoint Endpoint, string Group, FunctionAuthLevel AuthLevel);
}
