using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>The host in memory as the Functions host runs it: custom-handler routes on.</summary>
public sealed class CustomHandlerAppFactory : DispatchAppFactory
{
    public CustomHandlerAppFactory()
        : base(new Dictionary<string, string?> { [CustomHandlerEndpoints.EnabledKey] = "true" })
    {
    }
}
