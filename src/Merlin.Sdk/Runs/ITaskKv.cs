namespace Merlin.Sdk.Runs;

/// <summary>The namespace key-value store (Kestra's KV). Expired entries are never returned.</summary>
public interface ITaskKv
{
    Task<KvEntry?> GetAsync(string @namespace, string key, CancellationToken cancellationToken);

    Task SetAsync(KvEntry entry, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken);
}
