using System.Globalization;
using System.Text;

namespace Dispatch.Durable.Storage.Tables;

/// <summary>Key layout of the Table backend: escaping, row key prefixes, shards.</summary>
internal static class TableKeys
{
    /// <summary>The instance row (<c>I.{instance}</c>): the step sentinel whose ETag guards every commit.</summary>
    public const string InstanceRowPrefix = "I.";

    /// <summary>The instance row key of earlier versions, the same in every partition (moved at start).</summary>
    public const string LegacyInstanceRow = "I";

    /// <summary>
    /// The instance row key: unique per instance although the partition already is, because Azurite finds a
    /// row by its row key first and would otherwise sift through every instance row.
    /// </summary>
    public static string InstanceRow(string instanceId) => string.Concat(InstanceRowPrefix, Escape(instanceId));

    /// <summary>History rows: <c>H.{sequence:X16}</c>.</summary>
    public const string HistoryPrefix = "H.";

    /// <summary>Pending inbox messages: <c>M.{messageId}</c>.</summary>
    public const string MessagePrefix = "M.";

    /// <summary>Received markers (de-duplication by message id, kept after consumption): <c>R.{messageId}</c>.</summary>
    public const string ReceivedPrefix = "R.";

    /// <summary>Activity work items: <c>A.{itemId}</c>.</summary>
    public const string ActivityPrefix = "A.";

    /// <summary>Outbox: <c>O.{targetInstance}.{messageId}</c>.</summary>
    public const string OutboxPrefix = "O.";

    /// <summary>The index partition of the hub's own record (its shard count); not a shard name (those are digits).</summary>
    public const string HubPartition = "HUB";

    /// <summary>
    /// The hub record's row: upper case sorts after due rows (digits) and before lookup rows ('a' on) and lease
    /// markers ('~'), so no claim, sweep or lookup move reads it.
    /// </summary>
    public const string HubRow = "HUB";

    /// <summary>Instance lease markers in the index: <c>~L.{instance}</c> (sort after every due row).</summary>
    public const string InstanceLeasePrefix = "~L.";

    /// <summary>Activity lease markers in the index: <c>~A.{instance}.{itemId}</c>.</summary>
    public const string ActivityLeasePrefix = "~A.";

    /// <summary>Lookup rows in the index: by name, status, tag, business key.</summary>
    public const string NameLookup = "n.";

    /// <summary>Status lookup prefix.</summary>
    public const string StatusLookup = "s.";

    /// <summary>Tag lookup prefix.</summary>
    public const string TagLookup = "t.";

    /// <summary>Business-key lookup prefix.</summary>
    public const string BusinessKeyLookup = "b.";

    /// <summary>Escapes a value for use in keys: <c>^</c> escapes itself, separators and characters Table Storage forbids or URLs mangle.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var clean = true;
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('^').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('^', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '^')
            {
                builder.Append(value[i]);
            }
            else
            {
                builder.Append((char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
        }

        return builder.ToString();
    }

    /// <summary>The partition of an instance.</summary>
    public static string Partition(string instanceId) => Escape(instanceId);

    /// <summary>The history row of a sequence number.</summary>
    public static string History(int sequence) => string.Concat(HistoryPrefix, sequence.ToString("X16", CultureInfo.InvariantCulture));

    /// <summary>The pending-message row.</summary>
    public static string Message(string messageId) => string.Concat(MessagePrefix, Escape(messageId));

    /// <summary>The received marker row.</summary>
    public static string Received(string messageId) => string.Concat(ReceivedPrefix, Escape(messageId));

    /// <summary>The activity row.</summary>
    public static string Activity(string itemId) => string.Concat(ActivityPrefix, Escape(itemId));

    /// <summary>The outbox row.</summary>
    public static string Outbox(string targetInstanceId, string messageId) => string.Concat(OutboxPrefix, Escape(targetInstanceId), ".", Escape(messageId));

    /// <summary>The shard partition of an instance: FNV-1a of the id.</summary>
    public static string Shard(string instanceId, int shardCount)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return ShardName((int)(hash % (uint)shardCount));
    }

    /// <summary>The partition name of shard <paramref name="shard"/>.</summary>
    public static string ShardName(int shard) => shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A due row of the work index: sorted by position (due time, then arrival), unique per item.</summary>
    public static string DueRow(string position, string instanceId, char kind, string itemId) =>
        string.Concat(position, ".", Escape(instanceId), ".", kind.ToString(), Escape(itemId));

    /// <summary>A position in the work index: due ticks (19 digits, what claims compare) then an arrival sequence (8 hex digits) that keeps arrival order among equal times.</summary>
    public static string Position(long dueTicks, long sequence) =>
        string.Concat(dueTicks.ToString("D19", CultureInfo.InvariantCulture), ((uint)sequence).ToString("X8", CultureInfo.InvariantCulture));

    /// <summary>The due ticks of a position or due row key.</summary>
    public static long PositionTicks(string key) => long.Parse(key.AsSpan(0, 19), CultureInfo.InvariantCulture);

    /// <summary>The position part of a due row key.</summary>
    public static string PositionOf(string dueRowKey) => dueRowKey[..27];

    /// <summary>The upper bound (exclusive) of due rows at <paramref name="ticks"/>.</summary>
    public static string DueBound(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The lease marker of an instance.</summary>
    public static string InstanceLease(string instanceId) => string.Concat(InstanceLeasePrefix, Escape(instanceId));

    /// <summary>The lease marker of an activity.</summary>
    public static string ActivityLease(string instanceId, string itemId) => string.Concat(ActivityLeasePrefix, Escape(instanceId), ".", Escape(itemId));

    /// <summary>The name lookup row (names match case-insensitively).</summary>
    public static string NameRow(string name, string instanceId) => string.Concat(NameLookup, Escape(name.ToUpperInvariant()), ".", Escape(instanceId));

    /// <summary>The status lookup row.</summary>
    public static string StatusRow(int status, string instanceId) => string.Concat(StatusPrefix(status), Escape(instanceId));

    /// <summary>The prefix of one status's lookup rows.</summary>
    public static string StatusPrefix(int status) => string.Concat(StatusLookup, status.ToString("D2", CultureInfo.InvariantCulture), ".");

    /// <summary>The prefix of one tag value's lookup rows.</summary>
    public static string TagPrefix(string key, string value) => string.Concat(TagLookup, Escape(key), "=", Escape(value), ".");

    /// <summary>The prefix of one business key value's lookup rows.</summary>
    public static string BusinessKeyPrefix(string key, string value) => string.Concat(BusinessKeyLookup, Escape(key), "=", Escape(value), ".");

    /// <summary>The prefix of one name's lookup rows.</summary>
    public static string NamePrefix(string name) => string.Concat(NameLookup, Escape(name.ToUpperInvariant()), ".");

    /// <summary>The exclusive upper bound of all row keys starting with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());

    private static bool NeedsEscape(char c) =>
        c is '^' or '.' or '=' or '/' or '\\' or '#' or '?' or '%' or '+' or '\'' or '~' or '*' || char.IsControl(c) || c is > (char)0x7E and < (char)0xA0;
}
