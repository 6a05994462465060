namespace Dispatch.Tables;

/// <summary>How an update or upsert treats properties the entity in storage has but the sent entity lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them: only the sent properties change (HTTP MERGE/PATCH).</summary>
    Merge = 0,

    /// <summary>Drop them: the stored entity becomes exactly the sent one (HTTP PUT).</summary>
    Replace = 1,
}
