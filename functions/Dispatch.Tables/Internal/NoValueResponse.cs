using Azure;

namespace Dispatch.Tables.Internal;

/// <summary>The "not found" answer of a <c>…IfExists</c> call: no value, the raw 404 response kept.</summary>
internal sealed class NoValueResponse<T>(Response response) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T Value => throw new InvalidOperationException($"The entity does not exist (HTTP {response.Status}); check HasValue first.");

    public override Response GetRawResponse() => response;
}
