using System.Globalization;
using Azure;

namespace Dispatch.Tables;

/// <summary>
/// An entity group transaction was refused as a whole (nothing was committed) because one action failed;
/// <see cref="FailedTransactionActionIndex"/> says which one, and <see cref="RequestFailedException.Status"/> and
/// <see cref="RequestFailedException.ErrorCode"/> say why (e.g. 409 <c>EntityAlreadyExists</c>).
/// </summary>
public class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Wraps a failure, reading the failed action's index from the service message ("2:The specified entity…").</summary>
    /// <param name="requestFailedException">The failure of the transaction request.</param>
    public TableTransactionFailedException(RequestFailedException requestFailedException)
        : this(requestFailedException, ParseIndex(requestFailedException?.Message))
    {
    }

    /// <summary>Wraps a failure of the action at <paramref name="failedTransactionActionIndex"/>.</summary>
    /// <param name="requestFailedException">The failure of the transaction request.</param>
    /// <param name="failedTransactionActionIndex">The zero-based index of the failed action, when known.</param>
    public TableTransactionFailedException(RequestFailedException requestFailedException, int? failedTransactionActionIndex)
        : base(
            requestFailedException?.Status ?? 0,
            requestFailedException?.Message ?? "The transaction failed.",
            requestFailedException?.ErrorCode,
            requestFailedException)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    internal TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>Gets the zero-based index of the action that failed, when the service named it.</summary>
    public int? FailedTransactionActionIndex { get; }

    /// <summary>Reads the "N:" prefix the service puts before the message of a failed action.</summary>
    internal static int? ParseIndex(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
