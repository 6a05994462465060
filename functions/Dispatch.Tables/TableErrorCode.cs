namespace Dispatch.Tables;

/// <summary>
/// The Table service's error codes, as in <see cref="Azure.RequestFailedException.ErrorCode"/>; compare with
/// <c>ex.ErrorCode == TableErrorCode.EntityAlreadyExists</c>. Extensible: any code string converts to it.
/// </summary>
public readonly struct TableErrorCode : IEquatable<TableErrorCode>
{
    private readonly string? _value;

    /// <summary>Creates a code from its string form.</summary>
    /// <param name="value">The code, e.g. <c>EntityAlreadyExists</c>.</param>
    public TableErrorCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>409: the table exists.</summary>
    public static TableErrorCode TableAlreadyExists { get; } = new("TableAlreadyExists");

    /// <summary>404: the table does not exist.</summary>
    public static TableErrorCode TableNotFound { get; } = new("TableNotFound");

    /// <summary>404: the entity (or, on Azurite, the table) does not exist.</summary>
    public static TableErrorCode ResourceNotFound { get; } = new("ResourceNotFound");

    /// <summary>409: an entity with these keys exists.</summary>
    public static TableErrorCode EntityAlreadyExists { get; } = new("EntityAlreadyExists");

    /// <summary>412: the ETag in If-Match is stale.</summary>
    public static TableErrorCode UpdateConditionNotSatisfied { get; } = new("UpdateConditionNotSatisfied");

    /// <summary>400: the request is malformed.</summary>
    public static TableErrorCode InvalidInput { get; } = new("InvalidInput");

    /// <summary>400: a transaction touches one row twice.</summary>
    public static TableErrorCode InvalidDuplicateRow { get; } = new("InvalidDuplicateRow");

    /// <summary>400: a property value exceeds 64 KiB.</summary>
    public static TableErrorCode PropertyValueTooLarge { get; } = new("PropertyValueTooLarge");

    /// <summary>400: the entity exceeds 1 MiB.</summary>
    public static TableErrorCode EntityTooLarge { get; } = new("EntityTooLarge");

    /// <summary>413: the request body is too large.</summary>
    public static TableErrorCode RequestBodyTooLarge { get; } = new("RequestBodyTooLarge");

    /// <summary>400: a key property is missing.</summary>
    public static TableErrorCode PropertiesNeedValue { get; } = new("PropertiesNeedValue");

    /// <summary>400: a value is out of range.</summary>
    public static TableErrorCode OutOfRangeInput { get; } = new("OutOfRangeInput");

    /// <summary>400: a header value is invalid (e.g. an unsupported x-ms-version).</summary>
    public static TableErrorCode InvalidHeaderValue { get; } = new("InvalidHeaderValue");

    /// <summary>400: a query parameter is invalid.</summary>
    public static TableErrorCode InvalidQueryParameterValue { get; } = new("InvalidQueryParameterValue");

    /// <summary>403: the request is not authorized.</summary>
    public static TableErrorCode AuthorizationFailure { get; } = new("AuthorizationFailure");

    /// <summary>403: the signature or token was refused.</summary>
    public static TableErrorCode AuthenticationFailed { get; } = new("AuthenticationFailed");

    /// <summary>403: the identity lacks the needed data role.</summary>
    public static TableErrorCode AuthorizationPermissionMismatch { get; } = new("AuthorizationPermissionMismatch");

    /// <summary>503: the partition or account is over its target; retry with backoff.</summary>
    public static TableErrorCode ServerBusy { get; } = new("ServerBusy");

    /// <summary>500: the operation timed out; retry with backoff.</summary>
    public static TableErrorCode OperationTimedOut { get; } = new("OperationTimedOut");

    /// <summary>Converts a code string.</summary>
    /// <param name="value">The code.</param>
    public static implicit operator TableErrorCode(string value) => new(value);

    /// <summary>Compares two codes, ordinally.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator ==(TableErrorCode left, TableErrorCode right) => left.Equals(right);

    /// <summary>Compares two codes, ordinally.</summary>
    /// <param name="left">The first code.</param>
    /// <param name="right">The second code.</param>
    public static bool operator !=(TableErrorCode left, TableErrorCode right) => !left.Equals(right);

    /// <summary>Compares a code string with a code.</summary>
    /// <param name="left">The code string (e.g. <c>RequestFailedException.ErrorCode</c>).</param>
    /// <param name="right">The code.</param>
    public static bool operator ==(string? left, TableErrorCode right) => left is not null && right.Equals(new TableErrorCode(left));

    /// <summary>Compares a code string with a code.</summary>
    /// <param name="left">The code string.</param>
    /// <param name="right">The code.</param>
    public static bool operator !=(string? left, TableErrorCode right) => !(left == right);

    /// <summary>Creates a code from its string form.</summary>
    /// <param name="value">The code.</param>
    /// <returns>The code.</returns>
    public static TableErrorCode FromString(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(TableErrorCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TableErrorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
