namespace Dispatch.Functions.CustomHandler;

/// <summary>The <c>authLevel</c> of an Azure Functions HTTP trigger.</summary>
public enum FunctionAuthLevel
{
    /// <summary>No Functions key; the endpoint checks its own credential (a signed token, a webhook signature).</summary>
    Anonymous,

    /// <summary>A function or host key in <c>x-functions-key</c> or <c>?code=</c>; the host then checks the role.</summary>
    Function,
}
