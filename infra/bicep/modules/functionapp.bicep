// Flex Consumption plan (FC1) and the Function App running Dispatch as a custom handler.
// App settings are applied by main.bicep after the role assignments exist, so Key Vault references
// and identity-based storage resolve on the first start.
@description('Azure region.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App.')
param functionAppName string

@description('Blob endpoint of the storage account that holds the deployment container.')
param blobEndpoint string

@description('Name of the deployment container.')
param deploymentContainerName string

@description('Largest number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Tags for every resource.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

@description('Resource id of the Function App.')
output functionAppId string = site.id

@description('Name of the Function App.')
output functionAppName string = site.name

@description('Host name of the Function App, e.g. func-dispatch-prod-abc.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Object id of the app\'s system-assigned identity.')
output principalId string = site.identity.principalId

@description('Name of the Flex Consumption plan.')
output planName string = plan.name
