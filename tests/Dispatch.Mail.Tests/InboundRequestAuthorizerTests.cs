using System.Text;
using Dispatch.Mail.Inbound;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class InboundRequestAuthorizerTests
{
    private static InboundRequestAuthorizer Authorizer(string? secret, string? user, string? password)
    {
        var o = TestMail.Options();
        o.InboundSecret = secret;
        o.InboundBasicAuthUser = user;
        o.InboundBasicAuthPassword = password;
        return new InboundRequestAuthorizer(Options.Create(o));
    }

    private static string Basic(string value) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    [Fact]
    public void IsAuthorized_Secret_ChecksIt()
    {
        var a = Authorizer("0123456789abcdef-secret", null, null);

        a.IsAuthorized("0123456789abcdef-secret", null).ShouldBeTrue();
        a.IsAuthorized("0123456789abcdef-secreT", null).ShouldBeFalse();
        a.IsAuthorized(null, null).ShouldBeFalse();
    }

    [Fact]
    public void IsAuthorized_BasicAuth_ChecksIt()
    {
        var a = Authorizer(null, "sendgrid", "p@ss:word");

        a.IsAuthorized(null, Basic("sendgrid:p@ss:word")).ShouldBeTrue();
        a.IsAuthorized(null, Basic("sendgrid:wrong")).ShouldBeFalse();
        a.IsAuthorized(null, "Basic !!!").ShouldBeFalse();
        a.IsAuthorized(null, "Bearer x").ShouldBeFalse();
    }

    [Fact]
    public void IsAuthorized_NothingConfigured_RefusesAll() => Authorizer(null, null, null).IsAuthorized("x", Basic("a:b")).ShouldBeFalse();
}
