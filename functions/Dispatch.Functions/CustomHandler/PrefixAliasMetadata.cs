namespace Dispatch.Functions.CustomHandler;

/// <summary>Marks an endpoint that mirrors another under an alias prefix.</summary>
/// <param name="FromPrefix">The mirrored prefix.</param>
/// <param name="ToPrefix">The alias prefix.</param>
internal sealed record PrefixAliasMetadata(string FromPrefix, string ToPrefix);
