namespace Merlin.Sdk.Runs;

/// <summary>A read-only view of the execution a task run belongs to.</summary>
public sealed record ExecutionInfo(
    string Id,
    string Namespace,
    string FlowId,
    int FlowRevision,
    string OriginalId,
    string? ParentId,
    IReadOnlyList<KeyValuePair<string, string>> Labels);
