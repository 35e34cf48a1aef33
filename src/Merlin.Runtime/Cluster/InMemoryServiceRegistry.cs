using System.Collections.Concurrent;

namespace Merlin.Runtime.Cluster;

/// <summary>
/// The registry of a store that only one process uses (SQLite): held in memory, it lists this process alone. Nothing
/// else could read a table of it, and nothing outlives the process to be reaped.
/// </summary>
public sealed class InMemoryServiceRegistry(TimeProvider time) : IServiceRegistry
{
    private readonly ConcurrentDictionary<string, ServiceInstance> instances = new(StringComparer.Ordinal);

    public Task<bool> BeatAsync(ServiceInstance self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        var existed = false;
        instances.AddOrUpdate(
            self.Id,
            _ => self with { HeartbeatAt = time.GetUtcNow() },
            (_, _) =>
            {
                existed = true;
                return self with { HeartbeatAt = time.GetUtcNow() };
            });
        return Task.FromResult(existed);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => Task.FromResult(instances.TryRemove(id, out _));

    public Task<IReadOnlyList<ServiceInstance>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServiceInstance>>([.. instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ServiceInstance>> ReapAsync(TimeSpan livenessTimeout, CancellationToken cancellationToken)
    {
        var oldest = time.GetUtcNow() - livenessTimeout;
        var reaped = new List<ServiceInstance>();
        foreach (var instance in instances.Values.Where(i => i.HeartbeatAt < oldest))
        {
            // Only the caller that removes it answers it, as a DELETE ... RETURNING would.
            if (instances.TryRemove(new KeyValuePair<string, ServiceInstance>(instance.Id, instance)))
            {
                reaped.Add(instance);
            }
        }

        return Task.FromResult<IReadOnlyList<ServiceInstance>>(reaped);
    }
}
