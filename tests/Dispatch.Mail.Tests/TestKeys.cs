using Dispatch.Mail.Links;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

internal static class TestKeys
{
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789";

    public static LinkTokenService Tokens(TimeProvider clock) =>
        new(Options.Create(new LinkTokenOptions { SigningKey = SigningKey }), clock);
}
