namespace Merlin.Client.Models;

/// <summary>A key of a namespace's KV store, as listed.</summary>
public sealed record KvEntry(string Key, DateTimeOffset? CreationDate, DateTimeOffset? UpdateDate, DateTimeOffset? ExpirationDate);
