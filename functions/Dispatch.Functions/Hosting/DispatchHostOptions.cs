using Dispatch.Mail;
using Dispatch.Workflow;

namespace Dispatch.Functions.Hosting;

/// <summary>The host's settings, bound from the <c>Dispatch</c> configuration section.</summary>
internal sealed class DispatchHostOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Dispatch";

    /// <summary>The environment name that unlocks development-only features (manual clock, generated keys).</summary>
    public const string DevelopmentEnvironment = "Development";

    /// <summary>The Azurite Table service that <c>./dispatch run</c> starts.</summary>
    public const string LocalAzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>Gets or sets the environment; <c>Development</c> allows the manual and scaled clocks.</summary>
    public string Environment { get; set; } = "Production";

    /// <summary>Gets or sets where local state (development keys, outbox) lives.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Gets or sets the task hub name that prefixes the engine's tables.</summary>
    public string TaskHub { get; set; } = "Dispatch";

    /// <summary>Gets the storage settings.</summary>
    public StorageSettings Storage { get; } = new();

    /// <summary>Gets the role keys.</summary>
    public KeySettings Keys { get; } = new();

    /// <summary>Gets the clock settings.</summary>
    public ClockSettings Clock { get; } = new();

    /// <summary>Gets the mail settings the host needs (the mail library binds the rest).</summary>
    public MailSettings Mail { get; } = new();

    /// <summary>Gets the demonstration data settings.</summary>
    public DemoSettings Demo { get; } = new();

    /// <summary>Gets a value indicating whether development-only features are allowed.</summary>
    public bool IsDevelopment => string.Equals(Environment, DevelopmentEnvironment, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the mail mode in effect: the configured one, else Outbox in development and SendGrid elsewhere.</summary>
    public MailMode EffectiveMailMode => Mail.Mode ?? (IsDevelopment ? MailMode.Outbox : MailMode.SendGrid);

    /// <summary>Storage settings.</summary>
    internal sealed class StorageSettings
    {
        /// <summary>Gets or sets the Table Storage connection string; set it or <see cref="TableServiceUri"/>, not both.</summary>
        public string? ConnectionString { get; set; }

        /// <summary>Gets or sets the Table service endpoint for identity-based access (with <see cref="Credential"/>).</summary>
        public Uri? TableServiceUri { get; set; }

        /// <summary>Gets or sets how <see cref="TableServiceUri"/> authenticates; only <c>managedidentity</c> is accepted.</summary>
        public string? Credential { get; set; }

        /// <summary>Gets the connection string in use: the configured one, or local Azurite when no endpoint is configured either.</summary>
        public string? EffectiveConnectionString => ConnectionString ?? (TableServiceUri is null ? LocalAzuriteConnectionString : null);

        /// <summary>Gets or sets where workflow data lives: Table Storage (default) or, in development, process memory.</summary>
        public WorkflowStorage Mode { get; set; } = WorkflowStorage.TableStorage;

        /// <summary>
        /// Gets or sets whether this process is the only writer of the task hub's tables, so that reads
        /// (instance status, queries, workflow documents) are served from memory kept current by its own
        /// writes. Default: true for a standalone host, false as an Azure Functions custom handler, where
        /// the app scales out to several instances. Never set it for two processes on one task hub.
        /// </summary>
        public bool? SingleWriter { get; set; }
    }

    /// <summary>The three role keys; a request carries one as <c>x-functions-key</c> or <c>?code=</c>.</summary>
    internal sealed class KeySettings
    {
        /// <summary>Gets or sets the HR key.</summary>
        public string? Hr { get; set; }

        /// <summary>Gets or sets the manager key.</summary>
        public string? Manager { get; set; }

        /// <summary>Gets or sets the administrator key.</summary>
        public string? Admin { get; set; }

        /// <summary>Gets or sets the HMAC key that signs the links in emails (at least 32 bytes).</summary>
        public string? TokenSigning { get; set; }
    }

    /// <summary>Clock settings.</summary>
    internal sealed class ClockSettings
    {
        /// <summary>Gets or sets which clock the host runs on.</summary>
        public ClockMode Mode { get; set; } = ClockMode.System;

        /// <summary>Gets or sets simulated seconds per real second in <see cref="ClockMode.Scaled"/> mode.</summary>
        public double Speed { get; set; } = 1;

        /// <summary>Gets or sets where a manual or scaled clock starts; default: the system time at start-up.</summary>
        public DateTimeOffset? Start { get; set; }
    }

    /// <summary>Mail settings the host reads.</summary>
    internal sealed class MailSettings
    {
        /// <summary>Gets or sets the transport; null means the environment's default.</summary>
        public MailMode? Mode { get; set; }
    }

    /// <summary>Demonstration data.</summary>
    internal sealed class DemoSettings
    {
        /// <summary>Gets or sets a value indicating whether the demonstration round is loaded at start-up.</summary>
        public bool Seed { get; set; }
    }
}
