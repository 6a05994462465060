using System.Net;
using Dispatch.Functions.CustomHandler;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>The Durable management API under /api/durabletask, where the Functions host lets requests through.</summary>
public sealed class DurableAliasTests(CustomHandlerAppFactory factory) : IClassFixture<CustomHandlerAppFactory>
{
    [Fact]
    public void Endpoints_EveryDurableRoute_HasAnAliasWithTheSameMethodsAndAuthorization()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var originals = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/runtime/webhooks/durabletask", StringComparison.Ordinal)).ToList();
        originals.ShouldNotBeEmpty();

        foreach (var original in originals)
        {
            var aliasPattern = "/api/durabletask" + original.RoutePattern.RawText!["/runtime/webhooks/durabletask".Length..];
            var methods = original.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods;
            var alias = endpoints.SingleOrDefault(e => e.RoutePattern.RawText == aliasPattern &&
                                                      e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.SequenceEqual(methods));
            alias.ShouldNotBeNull(aliasPattern);
            FunctionDefinitionGenerator.AuthLevelOf(alias).ShouldBe(FunctionAuthLevel.Function);
            alias.Metadata.GetMetadata<IEndpointNameMetadata>().ShouldBeNull();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DispatchAppFactory.HrKey)]
    [InlineData(DispatchAppFactory.AdminKey)]
    public async Task GetStatus_ThroughAlias_SameAnswerAsTheOriginalRoute(string? key)
    {
        using var client = factory.CreateClient(key);

        using var original = await client.GetAsync(new Uri("/runtime/webhooks/durabletask/instances/no-such-instance", UriKind.Relative));
        using var alias = await client.GetAsync(new Uri("/api/durabletask/instances/no-such-instance", UriKind.Relative));

        alias.StatusCode.ShouldBe(original.StatusCode);
        (await alias.Content.ReadAsStringAsync()).Length.ShouldBe((await original.Content.ReadAsStringAsync()).Length);
    }

    [Fact]
    public async Task GetStatus_ThroughAliasWithoutKey_Unauthorized()
    {
        using var client = factory.CreateClient(null);

        using var alias = await client.GetAsync(new Uri("/api/durabletask/instances/x1", UriKind.Relative));

        alias.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Endpoints_NotACustomHandler_NoAlias()
    {
        using var plain = new DispatchAppFactory();

        plain.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ShouldNotContain(e => e.RoutePattern.RawText!.StartsWith("/api/durabletask", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Terminate_ThroughAliasWithManagerKey_ForbiddenLikeTheOriginal()
    {
        using var client = factory.CreateClient(DispatchAppFactory.ManagerKey);

        using var alias = await client.PostAsync(new Uri("/api/durabletask/instances/x1/terminate", UriKind.Relative), null);

        alias.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
