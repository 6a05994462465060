// Example parameters. Secrets are never written here: they are read from environment variables at
// deployment time (export them from your password manager or generate them, see README "Deploy to Azure").
using './main.bicep'

param environmentName = 'prod'
param senderAddress = 'noreply@dispatch.example.gov.cn'
param senderName = '驻村第一书记管理系统'
param replyDomain = 'reply.dispatch.example.gov.cn'
param hrEmail = 'zuzhibu@dispatch.example.gov.cn'
param taskHubName = 'dispatch'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param eventWebhookPublicKey = readEnvironmentVariable('SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY', '')

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')
param tokenSigningKey = readEnvironmentVariable('DISPATCH_TOKEN_SIGNING_KEY')
param hrKey = readEnvironmentVariable('DISPATCH_HR_KEY')
param managerKey = readEnvironmentVariable('DISPATCH_MANAGER_KEY')
param adminKey = readEnvironmentVariable('DISPATCH_ADMIN_KEY')
param inboundSecret = readEnvironmentVariable('DISPATCH_INBOUND_SECRET')
