using System.Text.Json.Nodes;

namespace Dispatch.Functions.CustomHandler;

/// <summary>One Azure Functions function of the deployment: a folder named <see cref="Name"/> holding <c>function.json</c>.</summary>
internal interface IFunctionDefinition
{
    /// <summary>Gets the function name, which is also its folder name.</summary>
    string Name { get; }

    /// <summary>Builds the <c>function.json</c> document.</summary>
    JsonObject ToFunctionJson();
}
