using System.Globalization;
using System.Text.RegularExpressions;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>Checks of infra/bicep that need no Bicep CLI (the CLI checks are listed in README "Deploy to Azure").</summary>
public sealed partial class BicepTemplateTests
{
    private static readonly IReadOnlyList<BicepText> Files = BicepText.All();

    private static readonly BicepText Main = Files.Single(f => Path.GetFileName(f.Path) == "main.bicep");

    private static IEnumerable<BicepResource> Declared => Files.SelectMany(f => f.Resources()).Where(r => !r.Existing);

    // Types whose newest GA API version predates 2023; anything else must be 2023 or later.
    private static readonly Dictionary<string, string> NewestGaBefore2023 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Authorization/roleAssignments"] = "2022-04-01",
        ["Microsoft.Insights/components"] = "2020-02-02",
    };

    private static Dictionary<string, string> AppSettings() => BicepText.Properties(Main.Body("appSettings"));

    [Theory]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Web/sites/config")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices")]
    [InlineData("Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.KeyVault/vaults/secrets")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.Authorization/roleAssignments")]
    public void Resources_Infrastructure_DeclaresType(string type) =>
        Declared.Select(r => r.Type).ShouldContain(type);

    [Fact]
    public void Resources_ApiVersions_StableAndFrom2023OrTheNewestGa()
    {
        var all = Files.SelectMany(f => f.Resources()).ToList();
        all.Count.ShouldBeGreaterThan(10);

        var stale = all.Where(r =>
            r.ApiVersion.Contains("preview", StringComparison.OrdinalIgnoreCase) ||
            (NewestGaBefore2023.TryGetValue(r.Type, out var newest)
                ? r.ApiVersion != newest
                : DateOnly.ParseExact(r.ApiVersion, "yyyy-MM-dd", CultureInfo.InvariantCulture) < new DateOnly(2023, 1, 1)));

        stale.Select(r => $"{r.File}: {r.Symbol} {r.Type}@{r.ApiVersion}").ShouldBeEmpty();
    }

    [Fact]
    public void FunctionApp_FlexConsumptionCustomHandler_WithSystemIdentity()
    {
        var module = Files.Single(f => f.Path.EndsWith("functionapp.bicep", StringComparison.Ordinal));
        var plan = module.Body("plan");
        var site = module.Body("site");

        plan.ShouldContain("tier: 'FlexConsumption'");
        plan.ShouldContain("name: 'FC1'");
        plan.ShouldContain("reserved: true");
        site.ShouldContain("kind: 'functionapp,linux'");
        site.ShouldContain("type: 'SystemAssigned'");
        site.ShouldContain("httpsOnly: true");
        Regex.IsMatch(site, @"runtime:\s*\{\s*name:\s*'custom'\s+version:\s*'1\.0'\s*\}").ShouldBeTrue();
        Regex.IsMatch(site, @"authentication:\s*\{\s*type:\s*'SystemAssignedIdentity'\s*\}").ShouldBeTrue();
    }

    [Fact]
    public void Storage_Hardened_TlsTwelveNoPublicBlobsNoSharedKeys()
    {
        var storage = Files.Single(f => f.Path.EndsWith("storage.bicep", StringComparison.Ordinal)).Body("storage");

        storage.ShouldContain("minimumTlsVersion: 'TLS1_2'");
        storage.ShouldContain("allowBlobPublicAccess: false");
        storage.ShouldContain("supportsHttpsTrafficOnly: true");
        storage.ShouldContain("allowSharedKeyAccess: false");
    }

    [Fact]
    public void KeyVault_RbacModeReachableForKeyVaultReferences()
    {
        var vault = Files.Single(f => f.Path.EndsWith("keyvault.bicep", StringComparison.Ordinal)).Body("vault");

        vault.ShouldContain("enableRbacAuthorization: true");
        vault.ShouldContain("publicNetworkAccess: 'Enabled'");
    }

    [Theory]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "storage")] // Storage Table Data Contributor
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "storage")] // Storage Blob Data Owner
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "vault")] // Key Vault Secrets User
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "appInsights")] // Monitoring Metrics Publisher
    public void RoleAssignments_BuiltInRole_AssignedToTheAppIdentityOnItsScope(string roleId, string scope)
    {
        var roles = Files.Single(f => f.Path.EndsWith("roles.bicep", StringComparison.Ordinal));
        var variable = Regex.Match(roles.Text, $@"var (\w+) = '{roleId}'").Groups[1].Value;
        variable.ShouldNotBeEmpty($"roles.bicep names no variable for role {roleId}");

        var assignment = roles.Resources()
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments")
            .Select(r => roles.Body(r.Symbol))
            .SingleOrDefault(b => b.Contains($"'Microsoft.Authorization/roleDefinitions', {variable})", StringComparison.Ordinal));

        assignment.ShouldNotBeNull($"no role assignment uses {variable}");
        assignment.ShouldContain($"scope: {scope}\n");
        assignment.ShouldContain("principalId: principalId");
        assignment.ShouldContain("principalType: 'ServicePrincipal'");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__accountName", "storage.outputs.storageAccountName")]
    [InlineData("Dispatch__Storage__TableServiceUri", "storage.outputs.tableEndpoint")]
    [InlineData("Dispatch__Storage__Credential", "'managedidentity'")]
    [InlineData("Dispatch__Mail__Mode", "'SendGrid'")]
    [InlineData("Dispatch__Environment", "'Production'")]
    [InlineData("Dispatch__Clock__Mode", "'System'")]
    [InlineData("Dispatch__TaskHub", "taskHubName")]
    [InlineData("Dispatch__Mail__FromEmail", "senderAddress")]
    [InlineData("Dispatch__Mail__ReplyDomain", "replyDomain")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "'Authorization=AAD'")]
    public void AppSettings_HostSetting_Present(string name, string value) =>
        AppSettings().ShouldContainKeyAndValue(name, value);

    [Theory]
    [InlineData("Dispatch__Mail__SendGrid__ApiKey", "sendGridApiKey")]
    [InlineData("Dispatch__Keys__TokenSigning", "tokenSigningKey")]
    [InlineData("Dispatch__Keys__Hr", "hrKey")]
    [InlineData("Dispatch__Keys__Manager", "managerKey")]
    [InlineData("Dispatch__Keys__Admin", "adminKey")]
    [InlineData("Dispatch__Mail__InboundSecret", "inboundSecret")]
    public void AppSettings_Secret_IsAKeyVaultReferenceToTheSecretHoldingTheParameter(string setting, string parameter)
    {
        var value = AppSettings()[setting];
        var reference = Regex.Match(value, @"^'@Microsoft\.KeyVault\(SecretUri=\$\{vaultUri\}secrets/\$\{secretNames\.(\w+)\}/\)'$");
        reference.Success.ShouldBeTrue($"{setting} = {value}");

        // The secret name's entry in the vault module's secrets object is filled from the parameter.
        Main.Text.ShouldContain($"'${{secretNames.{reference.Groups[1].Value}}}': {parameter}");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_TIME_ZONE")]
    [InlineData("TZ")]
    [InlineData("AzureWebJobsStorage")]
    public void AppSettings_FlexConsumption_LeavesOutSettingsItRejects(string name) =>
        AppSettings().ShouldNotContainKey(name);

    [Fact]
    public void Templates_NoAccountKeysOrListFunctions()
    {
        foreach (var file in Files)
        {
            file.Text.ShouldNotContain("AccountKey=", Case.Insensitive, file.Path);
            Regex.IsMatch(file.Text, @"\blist\w*\(").ShouldBeFalse($"{file.Path} calls a list*() function");
        }
    }

    [Fact]
    public void Parameters_SecretLookingNames_AreSecure()
    {
        var plain = Files.SelectMany(f => f.Parameters().Select(p => (File: Path.GetFileName(f.Path), Parameter: p)))
            .Where(x => !x.Parameter.Secure && SecretName().IsMatch(x.Parameter.Name))
            .Select(x => $"{x.File}: {x.Parameter.Name}");

        plain.ShouldBeEmpty();
    }

    [Fact]
    public void Parameters_Main_SecretsSecureWithoutDefaultsAndSpecParametersPresent()
    {
        var parameters = Main.Parameters().ToDictionary(p => p.Name);

        foreach (var name in new[] { "sendGridApiKey", "tokenSigningKey", "hrKey", "managerKey", "adminKey", "inboundSecret" })
        {
            parameters[name].Secure.ShouldBeTrue(name);
            parameters[name].HasDefault.ShouldBeFalse(name);
        }

        parameters.Keys.ShouldContain("environmentName");
        parameters.Keys.ShouldContain("location");
        parameters.Keys.ShouldContain("senderAddress");
        parameters.Keys.ShouldContain("replyDomain");
    }

    [Fact]
    public void Outputs_NoSecrets()
    {
        var secureParameters = Files.SelectMany(f => f.Parameters()).Where(p => p.Secure).Select(p => p.Name).ToList();
        var outputs = Files.SelectMany(f => f.Outputs().Select(o => (File: Path.GetFileName(f.Path), o.Name, o.Value))).ToList();
        outputs.ShouldNotBeEmpty();

        foreach (var (file, name, value) in outputs)
        {
            SecretName().IsMatch(name).ShouldBeFalse($"{file}: output {name}");
            name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{file}: output {name}");
            value.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{file}: output {name}");
            secureParameters.ShouldNotContain(p => Regex.IsMatch(value, $@"\b{p}\b"), $"{file}: output {name} = {value}");
        }

        Main.Outputs().Select(o => o.Name).ShouldBe(
            ["functionAppName", "functionAppUrl", "storageAccountName", "deploymentContainerName", "keyVaultName", "appInsightsName", "inboundParseUrl", "eventWebhookUrl"],
            ignoreOrder: true);
    }

    [Fact]
    public void ParameterFile_SecretsComeFromTheEnvironmentAndEveryRequiredParameterIsSet()
    {
        var text = File.ReadAllText(Path.Combine(BicepText.Folder, "main.bicepparam"));
        text.ShouldContain("using './main.bicep'");
        var assigned = Regex.Matches(text, @"^param\s+(\w+)\s*=\s*(.+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        var parameters = Main.Parameters().ToList();

        foreach (var p in parameters.Where(p => p.Secure))
        {
            assigned[p.Name].ShouldStartWith("readEnvironmentVariable(", customMessage: p.Name);
        }

        parameters.Where(p => !p.HasDefault).Select(p => p.Name).Where(n => !assigned.ContainsKey(n)).ShouldBeEmpty();
        assigned.Keys.Where(n => parameters.All(p => p.Name != n)).ShouldBeEmpty();
    }

    [Fact]
    public void Modules_EveryReferencedModuleFileExists()
    {
        var modules = Regex.Matches(Main.Text, @"^module\s+\w+\s+'([^']+)'", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        modules.Count.ShouldBe(5);
        modules.Where(m => !File.Exists(Path.Combine(BicepText.Folder, m))).ShouldBeEmpty();
    }

    // A public key (the Event Webhook verification key) is not a secret.
    [GeneratedRegex(@"(secret|password|(?<!public)key$|keys$|token)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
