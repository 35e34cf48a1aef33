using Merlin.Core.Storage;

namespace Merlin.Core.Tests.Plugins;

/// <summary>An <see cref="IKvStore"/> in a dictionary, hiding expired entries.</summary>
public sealed class InMemoryKvStore : IKvStore
{
    private readonly Dictionary<(string, string), KvEntry> _entries = [];

    public Task<KvEntry?> GetAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue((@namespace, key), out var e) && !Expired(e) ? e : null);

    public Task SetAsync(KvEntry entry, CancellationToken cancellationToken)
    {
        _entries[(entry.Namespace, entry.Key)] = entry;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string @namespace, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.Remove((@namespace, key)));

    public Task<IReadOnlyList<KvEntry>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KvEntry>>(_entries.Values.Where(e => e.Namespace == @namespace && !Expired(e)).ToList());

    private static bool Expired(KvEntry e) => e.ExpiresAt is { } at && at <= DateTimeOffset.UtcNow;
}
