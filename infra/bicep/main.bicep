// Dispatch on Azure Functions Flex Consumption as a custom handler: storage with identity-based access,
// Key Vault for secrets, Log Analytics + Application Insights. Deploy with
//   az deployment group create -g <rg> -f infra/bicep/main.bicep -p infra/bicep/main.bicepparam
// then zip-deploy the package from ./dispatch package (README "Deploy to Azure").
targetScope = 'resourceGroup'

@description('Short environment name used in resource names, e.g. prod or test (lower-case letters and digits).')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of every resource; must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Sender address of every notice; a verified SendGrid sender.')
param senderAddress string

@description('Sender display name.')
param senderName string = '驻村第一书记管理系统'

@description('Domain SendGrid Inbound Parse receives replies on (check-ins by email go to checkin+<token>@<domain>); empty turns email replies off.')
param replyDomain string

@description('Address of the organization department (HR) that receives escalations.')
param hrEmail string

@description('Durable task hub name: separates the state of deployments that share a storage account.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'dispatch'

@description('SendGrid Event Webhook verification public key (base64 DER, not a secret); empty skips signature checks.')
param eventWebhookPublicKey string = ''

@description('Largest number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@secure()
@description('SendGrid API key with Mail Send permission.')
param sendGridApiKey string

@secure()
@description('HMAC key that signs the links in emails (at least 32 bytes).')
@minLength(32)
param tokenSigningKey string

@secure()
@description('Key of the HR role (also set as the Functions key "hr").')
@minLength(32)
param hrKey string

@secure()
@description('Key of the Manager role (also set as the Functions key "manager").')
@minLength(32)
param managerKey string

@secure()
@description('Key of the Admin role (also set as the Functions key "admin").')
@minLength(32)
param adminKey string

@secure()
@description('Secret SendGrid Inbound Parse puts in the webhook URL (?secret=...).')
@minLength(16)
param inboundSecret string

var suffix = take(uniqueString(subscription().id, resourceGroup().id, environmentName), 8)
var tags = {
  application: 'dispatch'
  environment: environmentName
}
var names = {
  workspace: 'log-dispatch-${environmentName}-${suffix}'
  appInsights: 'appi-dispatch-${environmentName}-${suffix}'
  storage: 'stdisp${environmentName}${suffix}'
  keyVault: 'kvdisp${environmentName}${suffix}'
  plan: 'plan-dispatch-${environmentName}-${suffix}'
  functionApp: 'func-dispatch-${environmentName}-${suffix}'
}
var deploymentContainerName = 'app-package'

// Key Vault secret names; the app settings below reference them.
var secretNames = {
  sendGridApiKey: 'SendGridApiKey'
  tokenSigningKey: 'TokenSigningKey'
  hrKey: 'HrKey'
  managerKey: 'ManagerKey'
  adminKey: 'AdminKey'
  inboundSecret: 'InboundSecret'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: names.keyVault
    tags: tags
    secrets: {
      '${secretNames.sendGridApiKey}': sendGridApiKey
      '${secretNames.tokenSigningKey}': tokenSigningKey
      '${secretNames.hrKey}': hrKey
      '${secretNames.managerKey}': managerKey
      '${secretNames.adminKey}': adminKey
      '${secretNames.inboundSecret}': inboundSecret
    }
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    functionAppName: names.functionApp
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storage.outputs.storageAccountName
    keyVaultName: keyVault.outputs.keyVaultName
    appInsightsName: monitoring.outputs.appInsightsName
    principalId: functionApp.outputs.principalId
    functionAppId: functionApp.outputs.functionAppId
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: names.functionApp
}

// Read here rather than passed out of the module, so no module output carries a connection string.
resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: names.appInsights
}

// Versionless references: the app picks up a rotated secret within 24 h, or at once on any settings change.
var vaultUri = keyVault.outputs.keyVaultUri
var publicBaseUrl = 'https://${functionApp.outputs.defaultHostName}'

// Applied after the role assignments, so the first start already resolves the Key Vault references
// and reaches storage with the managed identity. FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE and the content-share settings are deliberately absent: Flex Consumption
// rejects or ignores them (runtime comes from functionAppConfig).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage (leases, timer schedule) with the system-assigned identity.
    AzureWebJobsStorage__accountName: storage.outputs.storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'

    // Dispatch's own settings (standard .NET configuration, ':' written as '__').
    Dispatch__Environment: 'Production'
    Dispatch__Clock__Mode: 'System'
    Dispatch__TaskHub: taskHubName
    Dispatch__Storage__TableServiceUri: storage.outputs.tableEndpoint
    Dispatch__Storage__Credential: 'managedidentity'
    Dispatch__Mail__Mode: 'SendGrid'
    Dispatch__Mail__FromEmail: senderAddress
    Dispatch__Mail__FromName: senderName
    Dispatch__Mail__ReplyDomain: replyDomain
    Dispatch__Mail__HrEmail: hrEmail
    Dispatch__Mail__PublicBaseUrl: publicBaseUrl
    Dispatch__Mail__EventWebhookPublicKey: eventWebhookPublicKey
    Dispatch__Mail__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.sendGridApiKey}/)'
    Dispatch__Mail__InboundSecret: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.inboundSecret}/)'
    Dispatch__Keys__TokenSigning: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.tokenSigningKey}/)'
    Dispatch__Keys__Hr: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.hrKey}/)'
    Dispatch__Keys__Manager: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.managerKey}/)'
    Dispatch__Keys__Admin: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretNames.adminKey}/)'
    Dispatch__CustomHandler__DrainBudget: '00:00:50'
  }
  dependsOn: [
    roles
  ]
}

@description('Name of the Function App.')
output functionAppName string = functionApp.outputs.functionAppName

@description('Base URL of the app.')
output functionAppUrl string = publicBaseUrl

@description('Name of the storage account (state tables, host storage, deployment container).')
output storageAccountName string = storage.outputs.storageAccountName

@description('Name of the deployment container.')
output deploymentContainerName string = deploymentContainerName

@description('Name of the Key Vault holding the secrets.')
output keyVaultName string = keyVault.outputs.keyVaultName

@description('Name of the Application Insights component.')
output appInsightsName string = monitoring.outputs.appInsightsName

@description('SendGrid Inbound Parse URL, without its secret (append ?secret=<InboundSecret>).')
output inboundParseUrl string = '${publicBaseUrl}/api/inbound/sendgrid'

@description('SendGrid Event Webhook URL.')
output eventWebhookUrl string = '${publicBaseUrl}/api/events/sendgrid'
