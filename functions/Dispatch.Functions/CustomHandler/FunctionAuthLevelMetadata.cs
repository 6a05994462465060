namespace Dispatch.Functions.CustomHandler;

/// <summary>
/// Endpoint metadata that fixes the Functions auth level of an endpoint when its authorization metadata
/// (<c>RequireAuthorization</c> / <c>AllowAnonymous</c>) does not say it, e.g.
/// <c>.WithMetadata(new FunctionAuthLevelMetadata(FunctionAuthLevel.Anonymous))</c>.
/// </summary>
/// <param name="Level">The auth level the endpoint's function definition gets.</param>
public sealed record FunctionAuthLevelMetadata(FunctionAuthLevel Level);
