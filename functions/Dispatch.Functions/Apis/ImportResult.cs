namespace Dispatch.Functions.Apis;

/// <summary>The body of a successful village or cadre import.</summary>
/// <param name="Imported">How many records were created or replaced.</param>
internal sealed record ImportResult(int Imported);
