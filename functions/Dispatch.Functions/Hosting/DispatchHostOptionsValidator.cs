using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Hosting;

/// <summary>Refuses a start with settings that would misbehave later; every failure names its setting.</summary>
internal sealed class DispatchHostOptionsValidator : IValidateOptions<DispatchHostOptions>
{
    /// <summary>The shortest key accepted: 128 bits of base64 text.</summary>
    public const int MinimumKeyLength = 22;

    /// <summary>The fastest scaled clock accepted (a year in under a minute).</summary>
    public const double MaximumSpeed = 1_000_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatchHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Clock.Mode != ClockMode.System && !options.IsDevelopment)
        {
            failures.Add($"Dispatch:Clock:Mode '{options.Clock.Mode}' is allowed only when Dispatch:Environment is 'Development' (it is '{options.Environment}').");
        }

        if (options.Clock.Mode == ClockMode.Scaled && !(options.Clock.Speed > 0 && options.Clock.Speed <= MaximumSpeed))
        {
            failures.Add($"Dispatch:Clock:Speed must be above 0 and at most {MaximumSpeed:0}, not {options.Clock.Speed}.");
        }

        if (!IsValidTaskHub(options.TaskHub))
        {
            failures.Add($"Dispatch:TaskHub '{options.TaskHub}' must be 3 to 45 letters and digits, starting with a letter.");
        }

        ValidateStorage(options.Storage, failures);
        ValidateKeys(options.Keys, failures);

        if (options.Storage.Mode == Dispatch.Workflow.WorkflowStorage.InMemory && !options.IsDevelopment)
        {
            failures.Add("Dispatch:Storage:Mode 'InMemory' is allowed only when Dispatch:Environment is 'Development'.");
        }

        if (options.Mail.Mode is null && !options.IsDevelopment)
        {
            failures.Add("Dispatch:Mail:Mode must be set outside development (SendGrid, or Outbox to keep mail on disk).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Dispatch:DataDirectory must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidTaskHub(string? hub) =>
        hub is { Length: >= 3 and <= 45 } && char.IsAsciiLetter(hub[0]) && hub.All(char.IsAsciiLetterOrDigit);

    /// <summary>The identity-based credential name the deployment sets.</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    private static void ValidateStorage(DispatchHostOptions.StorageSettings storage, List<string> failures)
    {
        if (storage.TableServiceUri is null)
        {
            ValidateConnectionString(storage.ConnectionString ?? DispatchHostOptions.LocalAzuriteConnectionString, failures);
            if (storage.Credential is not null)
            {
                failures.Add("Dispatch:Storage:Credential is set but Dispatch:Storage:TableServiceUri is not.");
            }

            return;
        }

        if (storage.ConnectionString is not null)
        {
            failures.Add("Dispatch:Storage: set exactly one of ConnectionString and TableServiceUri, not both.");
        }

        if (!storage.TableServiceUri.IsAbsoluteUri || storage.TableServiceUri.Scheme is not ("https" or "http"))
        {
            failures.Add($"Dispatch:Storage:TableServiceUri '{storage.TableServiceUri}' must be an absolute http(s) URI.");
        }

        if (!string.Equals(storage.Credential, ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Dispatch:Storage:Credential must be '{ManagedIdentityCredential}' with Dispatch:Storage:TableServiceUri (it is '{storage.Credential}').");
        }
    }

    private static void ValidateConnectionString(string value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add("Dispatch:Storage:ConnectionString must not be empty.");
            return;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            failures.Add("Dispatch:Storage:ConnectionString is not a 'Name=value;…' connection string.");
            return;
        }

        var development = parts.TryGetValue("UseDevelopmentStorage", out var dev) && string.Equals(dev?.ToString(), "true", StringComparison.OrdinalIgnoreCase);
        if (!development && !parts.ContainsKey("TableEndpoint") && !parts.ContainsKey("AccountName"))
        {
            failures.Add("Dispatch:Storage:ConnectionString needs a TableEndpoint or an AccountName.");
        }
    }

    private static void ValidateKeys(DispatchHostOptions.KeySettings keys, List<string> failures)
    {
        var named = new[] { ("Hr", keys.Hr), ("Manager", keys.Manager), ("Admin", keys.Admin) };
        foreach (var (role, key) in named)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"Dispatch:Keys:{role} is missing; set it (or run with Dispatch:Environment=Development to generate development keys).");
            }
            else if (key.Length < MinimumKeyLength)
            {
                failures.Add($"Dispatch:Keys:{role} must be at least {MinimumKeyLength} characters.");
            }
        }

        if (string.IsNullOrEmpty(keys.TokenSigning) || System.Text.Encoding.UTF8.GetByteCount(keys.TokenSigning) < Dispatch.Mail.Links.LinkTokenOptions.MinimumKeyBytes)
        {
            failures.Add($"Dispatch:Keys:TokenSigning must hold at least {Dispatch.Mail.Links.LinkTokenOptions.MinimumKeyBytes} bytes (it signs the links in emails).");
        }

        var distinct = named.Where(k => !string.IsNullOrEmpty(k.Item2)).Select(k => k.Item2).Distinct(StringComparer.Ordinal).Count();
        if (distinct < named.Count(k => !string.IsNullOrEmpty(k.Item2)))
        {
            failures.Add("Dispatch:Keys: the Hr, Manager and Admin keys must differ from each other.");
        }
    }
}
