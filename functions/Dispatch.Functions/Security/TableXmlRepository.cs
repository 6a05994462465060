using System.Xml.Linq;
using Dispatch.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dispatch.Functions.Security;

/// <summary>
/// The ASP.NET Core data-protection key ring (which signs and encrypts the forms' antiforgery tokens) kept in
/// a table of the task hub's storage account, one row per key. Every instance of a scaled-out app then shares
/// one key ring, so a form served by one instance can be posted to another, and keys outlive the instance.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous; the key ring is read once per process and then about daily,
/// and a key is written about every 90 days, so blocking on the storage request here costs nothing measurable.
/// </remarks>
internal sealed class TableXmlRepository(TableClient table) : IXmlRepository
{
    /// <summary>Appended to the task hub name to name the table.</summary>
    public const string TableSuffix = "Keys";

    private const string Partition = "keys";
    private const string XmlProperty = "Xml";

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        // Not cached: a create that failed while storage was away is simply tried again on the next read.
        await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        var elements = new List<XElement>();
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'").ConfigureAwait(false))
        {
            if (row.GetString(XmlProperty) is { Length: > 0 } xml)
            {
                elements.Add(XElement.Parse(xml));
            }
        }

        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);

        // The friendly name is the key's id ("key-<guid>"); a name that is not a valid row key gets a fresh one.
        var row = string.IsNullOrEmpty(friendlyName) || friendlyName.AsSpan().IndexOfAny("/\\#?") >= 0 ? Guid.NewGuid().ToString("N") : friendlyName;
        var entity = new TableEntity(Partition, row) { [XmlProperty] = element.ToString(SaveOptions.DisableFormatting) };
        await table.AddEntityAsync(entity, CancellationToken.None).ConfigureAwait(false);
    }
}
