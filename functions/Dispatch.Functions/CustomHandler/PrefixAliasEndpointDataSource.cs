using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Dispatch.Functions.CustomHandler;

/// <summary>
/// Serves the endpoints under one path prefix also under another, with the same handler and metadata
/// (roles, body limits, filters). In Azure the Functions host answers <c>/runtime/webhooks/{name}/…</c>
/// itself, before any function route, so the Durable management API is reachable there only under an alias.
/// </summary>
/// <param name="source">The endpoints to mirror (not including this data source).</param>
/// <param name="fromPrefix">The mirrored prefix without slashes at the ends, e.g. <c>runtime/webhooks/durabletask</c>.</param>
/// <param name="toPrefix">The alias prefix, e.g. <c>api/durabletask</c>.</param>
internal sealed class PrefixAliasEndpointDataSource(EndpointDataSource source, string fromPrefix, string toPrefix) : EndpointDataSource
{
    private readonly Lock _gate = new();
    private IReadOnlyList<Endpoint>? _endpoints;
    private IReadOnlyList<Endpoint>? _builtFrom;

    /// <inheritdoc/>
    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            var current = source.Endpoints;
            lock (_gate)
            {
                if (_endpoints is null || !ReferenceEquals(_builtFrom, current))
                {
                    _endpoints = [.. current.OfType<RouteEndpoint>().Select(Alias).OfType<Endpoint>()];
                    _builtFrom = current;
                }

                return _endpoints;
            }
        }
    }

    /// <inheritdoc/>
    public override IChangeToken GetChangeToken() => source.GetChangeToken();

    private RouteEndpoint? Alias(RouteEndpoint endpoint)
    {
        var template = FunctionDefinitionGenerator.Template(endpoint.RoutePattern);
        if (endpoint.RequestDelegate is null ||
            !(template.Equals(fromPrefix, StringComparison.OrdinalIgnoreCase) ||
              template.StartsWith(fromPrefix + "/", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // Keep the original pattern's constraints and defaults: only the literal prefix changes.
        var raw = endpoint.RoutePattern.RawText ?? "/" + template;
        var rest = raw.TrimStart('/')[fromPrefix.Length..];
        var metadata = endpoint.Metadata
            .Where(m => m is not IEndpointNameMetadata and not IRouteNameMetadata)
            .Append(new ExcludeFromDescriptionAttribute())
            .Append(new PrefixAliasMetadata(fromPrefix, toPrefix));
        return new RouteEndpoint(
            endpoint.RequestDelegate,
            RoutePatternFactory.Parse("/" + toPrefix + rest),
            endpoint.Order,
            new EndpointMetadataCollection(metadata),
            $"{endpoint.DisplayName} (alias /{toPrefix})");
    }
}
