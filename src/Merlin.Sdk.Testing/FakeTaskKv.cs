using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>A namespace KV store in memory; expired entries are never returned, as in the server.</summary>
public sealed class FakeTaskKv(TimeProvider? clock = null) : ITaskKv
{
    private readonly Dictionary<(string Namespace, string Key), KvEntry> _entries = [];
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Task<KvEntry?> GetAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue((@namespace, key), out var entry) && Live(entry) ? entry : null);

    public Task SetAsync(KvEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[(entry.Namespace, entry.Key)] = entry;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.Remove((@namespace, key), out var entry) && Live(entry));

    public Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KvEntry>>(_entries.Values.Where(e => e.Namespace == @namespace && Live(e)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList());

    private bool Live(KvEntry entry) => entry.ExpiresAt is not { } expires || expires > _clock.GetUtcNow();
}
