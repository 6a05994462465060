namespace Dispatch.Functions.Security;

/// <summary>The role names a key grants, and the policies endpoints require.</summary>
internal static class DispatchRoles
{
    /// <summary>HR: imports data, starts and steers assignments.</summary>
    public const string Hr = "Hr";

    /// <summary>Managers: read-only queries.</summary>
    public const string Manager = "Manager";

    /// <summary>Administrators: the Durable management API, the clock, the outbox.</summary>
    public const string Admin = "Admin";

    /// <summary>Policy: HR only.</summary>
    public const string HrPolicy = "Dispatch.Hr";

    /// <summary>Policy: managers or HR.</summary>
    public const string ManagerPolicy = "Dispatch.Manager";

    /// <summary>Policy: administrators only.</summary>
    public const string AdminPolicy = "Dispatch.Admin";

    /// <summary>Policy: Durable status reads, open to administrators, managers and HR.</summary>
    public const string StatusReadPolicy = "Dispatch.StatusRead";

    /// <summary>Gets the roles each policy admits, the single source for policies, OpenAPI and tests.</summary>
    public static IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [HrPolicy] = [Hr],
        [ManagerPolicy] = [Manager, Hr],
        [AdminPolicy] = [Admin],
        [StatusReadPolicy] = [Admin, Manager, Hr],
    };
}
