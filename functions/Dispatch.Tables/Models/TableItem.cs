namespace Dispatch.Tables.Models;

/// <summary>A table, as listed by <see cref="TableServiceClient.QueryTablesAsync"/> or returned when one is created.</summary>
public class TableItem
{
    /// <summary>Creates an item for the named table.</summary>
    /// <param name="name">The table name.</param>
    public TableItem(string name)
    {
        Name = name;
    }

    /// <summary>Gets the table name.</summary>
    public string Name { get; }
}
