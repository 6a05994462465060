using System.Security.Cryptography;
using System.Text;
using Dispatch.Functions.Security;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Tables;
using Dispatch.Testing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests;

/// <summary>The data-protection key ring behind the forms' antiforgery tokens lives in the task hub's storage account.</summary>
public sealed class SharedKeyRingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Antiforgery_FormFromOneInstancePostedToAnother_IsValid()
    {
        var settings = TableStorageHostTests.TableSettings(azurite.ConnectionString, TableStorageHostTests.UniqueHub());
        await using var first = new DispatchAppFactory(settings);
        await using var second = new DispatchAppFactory(settings);

        var served = new DefaultHttpContext { RequestServices = first.Services };
        var tokens = first.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(served);

        (await second.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(Post(second.Services, tokens))).ShouldBeTrue();
    }

    [Fact]
    public async Task Protect_AnotherTaskHub_CannotUnprotect()
    {
        await using var first = new DispatchAppFactory(TableStorageHostTests.TableSettings(azurite.ConnectionString, TableStorageHostTests.UniqueHub()));
        await using var other = new DispatchAppFactory(TableStorageHostTests.TableSettings(azurite.ConnectionString, TableStorageHostTests.UniqueHub()));

        var token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("表单");

        first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token).ShouldBe("表单");
        Should.Throw<CryptographicException>(() => other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(token));
    }

    [Fact]
    public async Task StoreElement_NewKey_OneRowInTheHubsKeysTable()
    {
        var hub = TableStorageHostTests.UniqueHub();
        await using var factory = new DispatchAppFactory(TableStorageHostTests.TableSettings(azurite.ConnectionString, hub));

        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        var rows = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + TableXmlRepository.TableSuffix).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        rows.ShouldHaveSingleItem().GetString("Xml").ShouldNotBeNull().ShouldStartWith("<key ");
    }

    // The browser's post: the antiforgery cookie and the form field the page carried.
    private static DefaultHttpContext Post(IServiceProvider services, AntiforgeryTokenSet tokens)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var cookie = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        context.Request.Method = "POST";
        context.Request.Headers.Cookie = $"{cookie}={tokens.CookieToken}";
        var form = $"{Uri.EscapeDataString(tokens.FormFieldName)}={Uri.EscapeDataString(tokens.RequestToken!)}";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        return context;
    }
}
