// Key Vault in RBAC mode holding every secret the app reads through Key Vault references.
// Public network access stays on: Flex Consumption resolves Key Vault references only from a vault
// that is not network-restricted.
@description('Azure region.')
param location string

@description('Key Vault name (3-24 letters, digits and hyphens).')
param keyVaultName string

@description('Tags for every resource.')
param tags object

@secure()
@description('Secrets to store, as an object of name: value (names are Key Vault secret names).')
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for name in objectKeys(secrets): {
  parent: vault
  name: name
  properties: {
    value: secrets[name]
    contentType: 'text/plain'
  }
}]

@description('Resource id of the vault.')
output keyVaultId string = vault.id

@description('Name of the vault.')
output keyVaultName string = vault.name

@description('Vault URI, e.g. https://<vault>.vault.azure.net/.')
output keyVaultUri string = vault.properties.vaultUri
