using Azure.Core;

namespace Dispatch.Tables;

/// <summary>
/// Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: retries, diagnostics, transport
/// (all from Azure.Core's <see cref="ClientOptions"/>) and the REST API version sent as <c>x-ms-version</c>.
/// </summary>
public class TableClientOptions : ClientOptions
{
    /// <summary>Creates options for the given service version (the newest by default).</summary>
    /// <param name="serviceVersion">The REST API version to send.</param>
    public TableClientOptions(ServiceVersion serviceVersion = LatestVersion)
    {
        VersionString = serviceVersion switch
        {
            ServiceVersion.V2019_02_02 => "2019-02-02",
            ServiceVersion.V2020_12_06 => "2020-12-06",
            _ => throw new ArgumentOutOfRangeException(nameof(serviceVersion), serviceVersion, "Unknown Table service version."),
        };
        Version = serviceVersion;
    }

    /// <summary>The REST API versions this client can speak.</summary>
    public enum ServiceVersion
    {
        /// <summary>2019-02-02, the oldest version that accepts Microsoft Entra ID tokens.</summary>
        V2019_02_02 = 1,

        /// <summary>2020-12-06.</summary>
        V2020_12_06 = 2,
    }

    /// <summary>Gets the REST API version these options select.</summary>
    public ServiceVersion Version { get; }

    internal string VersionString { get; }

    private const ServiceVersion LatestVersion = ServiceVersion.V2020_12_06;
}
