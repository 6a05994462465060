namespace Dispatch.Workflow.Storage;

/// <summary>One stored document as Table Storage holds it: its keys, its JSON and the ETag that guards it.</summary>
internal sealed record StoredRow(string Partition, string Row, string Json, string ETag);
