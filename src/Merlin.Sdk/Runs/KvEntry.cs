namespace Merlin.Sdk.Runs;

/// <summary>A namespace KV value (JSON-compatible) with an optional expiry.</summary>
public sealed record KvEntry(string Namespace, string Key, object? Value, DateTimeOffset? ExpiresAt, DateTimeOffset Updated);
