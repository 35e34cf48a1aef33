namespace Merlin.Core.Storage;

/// <summary>One stored flow revision: its source text and whether it is a deletion marker.</summary>
public sealed record FlowRecord(string Namespace, string Id, int Revision, string Source, bool Deleted, DateTimeOffset Updated);
