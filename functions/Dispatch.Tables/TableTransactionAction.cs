using Azure;

namespace Dispatch.Tables;

/// <summary>One action of an entity group transaction (see <see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public class TableTransactionAction
{
    /// <summary>Creates an action without an ETag condition (updates and deletes then match any version).</summary>
    /// <param name="actionType">What to do.</param>
    /// <param name="entity">The entity (for a delete only its keys matter).</param>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity)
        : this(actionType, entity, default)
    {
    }

    /// <summary>Creates an action; updates and deletes apply only if the stored entity still has <paramref name="etag"/>.</summary>
    /// <param name="actionType">What to do.</param>
    /// <param name="entity">The entity (for a delete only its keys matter).</param>
    /// <param name="etag">The ETag condition, or default for any version.</param>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>Gets what the action does.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>Gets the entity.</summary>
    public ITableEntity Entity { get; }

    /// <summary>Gets the ETag condition (default: any version).</summary>
    public ETag ETag { get; }
}
