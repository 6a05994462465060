namespace Dispatch.Workflow.Domain;

/// <summary>The handover list (交接清单) the outgoing secretary submits (domain.md §4).</summary>
public sealed record HandoverList
{
    /// <summary>Gets the ledgers handed over (台账).</summary>
    public IReadOnlyList<string> Ledgers { get; init; } = [];

    /// <summary>Gets the unfinished projects and their funds.</summary>
    public IReadOnlyList<string> UnfinishedProjects { get; init; } = [];

    /// <summary>Gets the funds: committed but unpaid, and unspent work funds.</summary>
    public IReadOnlyList<string> Funds { get; init; } = [];

    /// <summary>Gets the villagers' open requests (诉求).</summary>
    public IReadOnlyList<string> OpenRequests { get; init; } = [];

    /// <summary>Gets the households under 防返贫监测 monitoring.</summary>
    public IReadOnlyList<string> MonitoredHouseholds { get; init; } = [];

    /// <summary>Gets the assets.</summary>
    public IReadOnlyList<string> Assets { get; init; } = [];

    /// <summary>Gets the key contacts.</summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>Checks the list: at least one entry overall, each entry 1–500 characters.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        var sections = new (string Name, IReadOnlyList<string> Items)[]
        {
            ("ledgers", Ledgers), ("unfinishedProjects", UnfinishedProjects), ("funds", Funds), ("openRequests", OpenRequests),
            ("monitoredHouseholds", MonitoredHouseholds), ("assets", Assets), ("contacts", Contacts),
        };
        foreach (var (name, items) in sections)
        {
            if (items is null)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(items[i]) || items[i].Length > 500)
                {
                    errors.Add($"{name}[{i}]", "must be 1–500 characters");
                }
            }
        }

        if (sections.All(s => s.Items is null || s.Items.Count == 0))
        {
            errors.Add("ledgers", "the handover list is empty; name at least the ledgers handed over");
        }

        return errors;
    }
}
