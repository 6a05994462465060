using Dispatch.Functions.CustomHandler;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>The generated function definitions against the real host's endpoints.</summary>
public sealed class FunctionCoverageTests(CustomHandlerAppFactory factory) : IClassFixture<CustomHandlerAppFactory>
{
    private List<RouteEndpoint> HostRoutes() =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CustomHandlerTriggerMetadata>() is null),
    ];

    private IReadOnlyList<IFunctionDefinition> Definitions() => CustomHandlerEndpoints.Definitions(factory.Services);

    // A concrete path the pattern matches, to run through the Functions route template the way the
    // Functions host matches requests.
    private static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternSeparatorPart s => s.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "a/b",
            _ => "x1",
        }))));

    private static bool Matches(string route, string path) =>
        new TemplateMatcher(TemplateParser.Parse(route), new RouteValueDictionary()).TryMatch(new PathString(path), new RouteValueDictionary());

    [Fact]
    public void Definitions_EveryHostRoute_MatchedByExactlyOneHttpFunctionAllowingItsMethods()
    {
        var functions = Definitions().OfType<HttpFunctionDefinition>().ToList();
        var routes = HostRoutes();
        routes.ShouldNotBeEmpty();

        var uncovered = new List<string>();
        foreach (var route in routes)
        {
            var path = SamplePath(route.RoutePattern);
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var matching = functions.Where(f => Matches(f.Route, path)).ToList();
            if (matching.Count != 1 ||
                (matching[0].Methods.Count > 0 && methods.Any(m => !matching[0].Methods.Contains(m.ToLowerInvariant()))))
            {
                uncovered.Add($"{string.Join(',', methods)} {path} matched by [{string.Join(", ", matching.Select(f => f.Name))}]");
            }
        }

        uncovered.ShouldBeEmpty("every host route needs exactly one function definition that forwards it");
    }

    [Fact]
    public void Definitions_EveryHostRoute_ListedInItsFunctionsCoveredPatterns()
    {
        var covered = Definitions().OfType<HttpFunctionDefinition>().SelectMany(f => f.CoveredPatterns).ToHashSet(StringComparer.OrdinalIgnoreCase);

        HostRoutes().Select(r => "/" + FunctionDefinitionGenerator.Template(r.RoutePattern)).Where(p => !covered.Contains(p)).ShouldBeEmpty();
    }

    [Fact]
    public void Definitions_HostRoutes_AuthLevelsMatchTheRoles()
    {
        var functions = Definitions().OfType<HttpFunctionDefinition>().ToList();
        var wrong = new List<string>();
        foreach (var route in HostRoutes())
        {
            var path = SamplePath(route.RoutePattern);
            var expected = ExpectedLevel(path);
            var function = functions.First(f => Matches(f.Route, path));
            if (expected is { } level && function.AuthLevel != level)
            {
                wrong.Add($"{path}: {function.Name} is {function.AuthLevel}, the roles say {level}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    // The HTTP surface of the host issue: keys for HR, manager and admin routes; token links, webhooks
    // and health check their own secrets or need none.
    private static FunctionAuthLevel? ExpectedLevel(string path)
    {
        string[] anonymous = ["/checkin/", "/handover/", "/review/", "/api/inbound/", "/api/events/", "/health"];
        string[] keyed = ["/api/rounds", "/api/villages", "/api/cadres", "/api/assignments", "/api/admin/", "/runtime/webhooks/durabletask/", "/api/durabletask/"];
        if (anonymous.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return FunctionAuthLevel.Anonymous;
        }

        return keyed.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? FunctionAuthLevel.Function : null;
    }

    [Fact]
    public void Definitions_Routes_AvoidTheFunctionsHostsReservedAdminPrefixAndHaveUniqueNames()
    {
        var definitions = Definitions();

        definitions.OfType<HttpFunctionDefinition>()
            .Where(f => f.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase))
            .ShouldBeEmpty();
        definitions.Select(d => d.Name).ShouldBeUnique();
        definitions.ShouldContain(d => d is TimerFunctionDefinition && d.Name == DueWorkTimerFunction.Name);
    }

    [Theory]
    [InlineData("Checkin", "checkin/{token}")]
    [InlineData("Handover", "handover/{token}")]
    [InlineData("Review", "review/{token}")]
    public void Definitions_FormPages_OneAnonymousFunctionForGetAndPost(string name, string route)
    {
        var function = Definitions().OfType<HttpFunctionDefinition>().Single(f => f.Name == name);

        function.Route.ShouldBe(route);
        function.AuthLevel.ShouldBe(FunctionAuthLevel.Anonymous);
        function.Methods.ShouldBe(["get", "post"]);
    }

    [Fact]
    public void Definitions_HttpFunctions_PathsStayUnderTheirGroupSoNoFunctionSwallowsAnother()
    {
        var functions = Definitions().OfType<HttpFunctionDefinition>().ToList();

        foreach (var function in functions)
        {
            foreach (var other in functions.Where(o => o != function))
            {
                foreach (var pattern in other.CoveredPatterns)
                {
                    var path = SamplePath(RoutePatternFactory.Parse(pattern));
                    Matches(function.Route, path).ShouldBeFalse($"{function.Name} ({function.Route}) also matches {path} of {other.Name}");
                }
            }
        }
    }
}
