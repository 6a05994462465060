namespace Dispatch.Functions.CustomHandler;

/// <summary>Marks an endpoint the Functions host calls for a non-HTTP trigger; it gets no HTTP function definition.</summary>
internal sealed class CustomHandlerTriggerMetadata;
