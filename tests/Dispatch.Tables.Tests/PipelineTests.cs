using System.Net;
using Azure;
using Azure.Core;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class PipelineTests
{
    private sealed class FakeTokenCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken("token-123", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task TokenCredential_Request_SendsBearerForStorageScope()
    {
        var handler = new CannedHandler().Answer(HttpStatusCode.NoContent);
        var credential = new FakeTokenCredential();
        var table = new TableClient(new Uri("https://acct.table.core.windows.net"), "orders", credential, handler.Options());

        await table.DeleteEntityAsync("p", "r");

        credential.Scopes.Single().ShouldBe(["https://storage.azure.com/.default"]);
        var request = handler.Requests.Single();
        request.Headers.Authorization!.ToString().ShouldBe("Bearer token-123");
        request.RequestUri!.ToString().ShouldBe("https://acct.table.core.windows.net/orders(PartitionKey='p',RowKey='r')");
        request.Headers.GetValues("x-ms-version").Single().ShouldBe("2020-12-06");
        request.Headers.GetValues("x-ms-client-request-id").Single().ShouldNotBeNullOrEmpty();
        request.Headers.GetValues("If-Match").Single().ShouldBe("*");
        request.Headers.GetValues("x-ms-date").Single().ShouldEndWith(" GMT");
    }

    [Fact]
    public async Task SasConnectionString_Request_AppendsSignatureToQuery()
    {
        var handler = new CannedHandler().Answer(HttpStatusCode.OK, """{"value":[{"TableName":"orders"}]}""");
        var service = new TableServiceClient("TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2019-02-02&tn=orders&sig=abc%3D", handler.Options());

        var names = new List<string>();
        await foreach (var t in service.QueryTablesAsync(maxPerPage: 5))
        {
            names.Add(t.Name);
        }

        names.ShouldBe(["orders"]);
        var query = handler.Requests.Single().RequestUri!.Query;
        query.ShouldContain("$top=5");
        query.ShouldContain("sv=2019-02-02&tn=orders&sig=abc%3D");
        handler.Requests.Single().Headers.Authorization.ShouldBeNull();
        handler.Requests.Single().Headers.Contains("x-ms-date").ShouldBeTrue();
    }

    [Fact]
    public async Task Query_EmptyPageWithContinuation_FollowsItToTheNextPage()
    {
        var handler = new CannedHandler()
            .Answer(HttpStatusCode.OK, """{"value":[]}""", ("x-ms-continuation-NextPartitionKey", "cDE="), ("x-ms-continuation-NextRowKey", "cjE="))
            .Answer(HttpStatusCode.OK, """{"value":[{"PartitionKey":"p1","RowKey":"r1","N":1}]}""");
        var table = new TableClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), "orders", new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey), handler.Options());

        var pages = new List<int>();
        await foreach (var page in table.QueryAsync<TableEntity>("N gt 0").AsPages())
        {
            pages.Add(page.Values.Count);
        }

        pages.ShouldBe([0, 1]);
        var second = handler.Requests[1].RequestUri!;
        second.AbsolutePath.ShouldBe("/devstoreaccount1/orders()");
        second.Query.ShouldContain("NextPartitionKey=cDE%3D");
        second.Query.ShouldContain("NextRowKey=cjE%3D");
        second.Query.ShouldContain("$filter=N%20gt%200");
        handler.Requests[1].Headers.Authorization!.ToString().ShouldStartWith("SharedKeyLite devstoreaccount1:");
    }

    [Fact]
    public async Task Failure_ErrorCodeOnlyInJsonBody_IsReported()
    {
        var handler = new CannedHandler().Answer(HttpStatusCode.BadRequest, """{"odata.error":{"code":"PropertyValueTooLarge","message":{"lang":"en-US","value":"The property value exceeds the maximum allowed size (64KB)."}}}""");
        var table = new TableClient(new Uri("https://acct.table.core.windows.net"), "orders", new FakeTokenCredential(), handler.Options());

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.UpsertEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(400);
        ex.ErrorCode.ShouldBe("PropertyValueTooLarge");
        ex.Message.ShouldContain("maximum allowed size");
    }

    [Fact]
    public async Task Failure_XmlBodyWithoutHeader_ReadsCodeAndMessage()
    {
        var handler = new CannedHandler().Answer(HttpStatusCode.Forbidden, "<?xml version=\"1.0\"?><Error><Code>AuthorizationFailure</Code><Message>Server failed &amp; refused.</Message></Error>");
        var table = new TableClient(new Uri("https://acct.table.core.windows.net"), "orders", new FakeTokenCredential(), handler.Options());

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(403);
        ex.ErrorCode.ShouldBe("AuthorizationFailure");
        ex.Message.ShouldContain("Server failed & refused.");
    }

    [Fact]
    public void Uri_PathStyleEndpoint_IncludesAccountAndTable()
    {
        var table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1/"), "orders", new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey));

        table.Uri.ToString().ShouldBe("http://127.0.0.1:10002/devstoreaccount1/orders");
        table.AccountName.ShouldBe("devstoreaccount1");
        table.Name.ShouldBe("orders");
    }
}
