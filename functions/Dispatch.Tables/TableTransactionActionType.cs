namespace Dispatch.Tables;

/// <summary>What one action of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails if the entity exists.</summary>
    Add = 0,

    /// <summary>Merge into an existing entity (If-Match: the action's ETag, or any version).</summary>
    UpdateMerge = 1,

    /// <summary>Replace an existing entity (If-Match: the action's ETag, or any version).</summary>
    UpdateReplace = 2,

    /// <summary>Delete an existing entity (If-Match: the action's ETag, or any version).</summary>
    Delete = 3,

    /// <summary>Insert, or merge into the existing entity.</summary>
    UpsertMerge = 4,

    /// <summary>Insert, or replace the existing entity.</summary>
    UpsertReplace = 5,
}
