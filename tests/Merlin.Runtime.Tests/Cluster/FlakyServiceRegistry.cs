using Merlin.Runtime.Cluster;

namespace Merlin.Runtime.Tests.Cluster;

/// <summary>An in-memory registry whose store can be made unreachable, as a database behind a broken network.</summary>
public sealed class FlakyServiceRegistry : IServiceRegistry
{
    private readonly InMemoryServiceRegistry inner = new(TimeProvider.System);
    private volatile bool unreachable;

    /// <summary>While true, every call fails as an unreachable database would.</summary>
    public bool Unreachable
    {
        get => unreachable;
        set => unreachable = value;
    }

    public Task<bool> BeatAsync(ServiceInstance self, CancellationToken cancellationToken) => Reach(() => inner.BeatAsync(self, cancellationToken));

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => Reach(() => inner.RemoveAsync(id, cancellationToken));

    public Task<IReadOnlyList<ServiceInstance>> ListAsync(CancellationToken cancellationToken) => Reach(() => inner.ListAsync(cancellationToken));

    public Task<IReadOnlyList<ServiceInstance>> ReapAsync(TimeSpan livenessTimeout, CancellationToken cancellationToken) =>
        Reach(() => inner.ReapAsync(livenessTimeout, cancellationToken));

    /// <summary>What another process sees in the store, unreachable or not.</summary>
    public Task<IReadOnlyList<ServiceInstance>> ListDirectlyAsync() => inner.ListAsync(CancellationToken.None);

    /// <summary>Another process reaping this instance.</summary>
    public Task<bool> RemoveDirectlyAsync(string id) => inner.RemoveAsync(id, CancellationToken.None);

    private Task<T> Reach<T>(Func<Task<T>> call) =>
        unreachable ? Task.FromException<T>(new TimeoutException("the database cannot be reached")) : call();
}
