using Dispatch.Functions.CustomHandler;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Dispatch.Functions.Tests.Deployment;

public sealed class FunctionDefinitionGeneratorTests
{
    private static RouteEndpoint Endpoint(string pattern, string method, params object[] metadata) =>
        new(
            _ => Task.CompletedTask,
            RoutePatternFactory.Parse(pattern),
            0,
            new EndpointMetadataCollection([new HttpMethodMetadata([method]), .. metadata]),
            $"{method} {pattern}");

    private static List<HttpFunctionDefinition> Http(params Endpoint[] endpoints) =>
        [.. FunctionDefinitionGenerator.Generate(endpoints, DueWorkTimerFunction.Definition).OfType<HttpFunctionDefinition>()];

    [Fact]
    public void Generate_SeveralRoutesUnderOneArea_OneCatchAllFunctionWithTheUnionOfMethods()
    {
        var functions = Http(
            Endpoint("/api/assignments", "POST", new AuthorizeAttribute("Hr")),
            Endpoint("/api/assignments/{id}", "GET", new AuthorizeAttribute("Manager")),
            Endpoint("/api/assignments/{id}/recall", "POST", new AuthorizeAttribute("Hr")));

        var function = functions.ShouldHaveSingleItem();
        function.Name.ShouldBe("ApiAssignments");
        function.Route.ShouldBe("api/assignments/{*rest}");
        function.AuthLevel.ShouldBe(FunctionAuthLevel.Function);
        function.Methods.ShouldBe(["get", "post"]);
        function.CoveredPatterns.ShouldBe(["/api/assignments", "/api/assignments/{id}", "/api/assignments/{id}/recall"]);
    }

    [Fact]
    public void Generate_SingleRouteWithConstraint_ExactRouteWithoutConstraint()
    {
        var function = Http(Endpoint("/checkin/{token:minlength(10)}", "GET")).ShouldHaveSingleItem();

        function.Name.ShouldBe("Checkin");
        function.Route.ShouldBe("checkin/{token}");
        function.AuthLevel.ShouldBe(FunctionAuthLevel.Anonymous);
    }

    [Fact]
    public void Generate_DurableManagementApi_GroupedUnderItsWebhookName()
    {
        var function = Http(
            Endpoint("/runtime/webhooks/durabletask/instances/{instanceId}", "GET", new AuthorizeAttribute("Admin")),
            Endpoint("/runtime/webhooks/durabletask/instances", "DELETE", new AuthorizeAttribute("Admin"))).ShouldHaveSingleItem();

        function.Name.ShouldBe("RuntimeWebhooksDurabletask");
        function.Route.ShouldBe("runtime/webhooks/durabletask/{*rest}");
        function.Methods.ShouldBe(["delete", "get"]);
    }

    [Theory]
    [InlineData("/api/inbound/sendgrid", FunctionAuthLevel.Anonymous)]
    [InlineData("/api/events/sendgrid", FunctionAuthLevel.Anonymous)]
    [InlineData("/review/{token}", FunctionAuthLevel.Anonymous)]
    [InlineData("/handover/{token}", FunctionAuthLevel.Anonymous)]
    [InlineData("/health", FunctionAuthLevel.Anonymous)]
    [InlineData("/api/rounds", FunctionAuthLevel.Function)]
    [InlineData("/api/admin/clock/advance", FunctionAuthLevel.Function)]
    [InlineData("/dev/outbox", FunctionAuthLevel.Function)]
    public void AuthLevelOf_NoAuthorizationMetadata_FollowsTheDocumentedSurface(string pattern, FunctionAuthLevel expected) =>
        FunctionDefinitionGenerator.AuthLevelOf(Endpoint(pattern, "GET")).ShouldBe(expected);

    [Fact]
    public void AuthLevelOf_ExplicitMetadata_WinsOverAllowAnonymous() =>
        FunctionDefinitionGenerator.AuthLevelOf(Endpoint(
            "/health", "GET", new FunctionAuthLevelMetadata(FunctionAuthLevel.Function), new AllowAnonymousAttribute()))
            .ShouldBe(FunctionAuthLevel.Function);

    [Fact]
    public void AuthLevelOf_RequireAuthorizationOnATokenPath_Function() =>
        FunctionDefinitionGenerator.AuthLevelOf(Endpoint("/checkin/{token}", "GET", new AuthorizeAttribute()))
            .ShouldBe(FunctionAuthLevel.Function);

    [Fact]
    public void Generate_GroupMixingAuthLevels_ThrowsNamingTheRoutes()
    {
        var error = Should.Throw<InvalidOperationException>(() => Http(
            Endpoint("/api/rounds", "POST", new AuthorizeAttribute("Hr")),
            Endpoint("/api/rounds/{id}/public", "GET", new AllowAnonymousAttribute())));

        error.Message.ShouldContain("/api/rounds");
        error.Message.ShouldContain("api/rounds/{id}/public");
    }

    [Fact]
    public void Generate_RouteStartingWithParameter_Throws() =>
        Should.Throw<InvalidOperationException>(() => Http(Endpoint("/{tenant}/api/x", "GET")))
            .Message.ShouldContain("{tenant}");

    [Fact]
    public void Generate_TimerTriggerEndpoint_HasNoHttpFunctionButTheTimerIsAlwaysThere()
    {
        var definitions = FunctionDefinitionGenerator.Generate(
            [Endpoint("/AdvanceDueWork", "POST", new CustomHandlerTriggerMetadata())], DueWorkTimerFunction.Definition);

        definitions.ShouldHaveSingleItem().ShouldBeOfType<TimerFunctionDefinition>().Name.ShouldBe("AdvanceDueWork");
    }

    [Fact]
    public void ToFunctionJson_HttpFunction_OnlyTriggerAndHttpOutputSoTheHostForwardsTheRequest()
    {
        var json = new HttpFunctionDefinition("ApiRounds", "api/rounds/{*rest}", FunctionAuthLevel.Function, ["get", "post"], ["/api/rounds"])
            .ToFunctionJson();

        var bindings = json["bindings"]!.AsArray();
        bindings.Count.ShouldBe(2);
        bindings[0]!["type"]!.GetValue<string>().ShouldBe("httpTrigger");
        bindings[0]!["authLevel"]!.GetValue<string>().ShouldBe("function");
        bindings[0]!["route"]!.GetValue<string>().ShouldBe("api/rounds/{*rest}");
        bindings[1]!["type"]!.GetValue<string>().ShouldBe("http");
        bindings[1]!["direction"]!.GetValue<string>().ShouldBe("out");
    }

    [Fact]
    public void ToFunctionJson_Timer_EveryMinuteNotOnStartup()
    {
        var binding = DueWorkTimerFunction.Definition.ToFunctionJson()["bindings"]!.AsArray().ShouldHaveSingleItem()!;

        binding["type"]!.GetValue<string>().ShouldBe("timerTrigger");
        binding["schedule"]!.GetValue<string>().ShouldBe("0 */1 * * * *");
        binding["runOnStartup"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("api/rounds", "ApiRounds")]
    [InlineData("runtime/webhooks/durabletask", "RuntimeWebhooksDurabletask")]
    [InlineData("dev", "Dev")]
    public void FunctionName_Group_PascalCase(string group, string expected) =>
        FunctionDefinitionGenerator.FunctionName(group).ShouldBe(expected);
}
