using Merlin.Runtime.Cluster;
using Merlin.Storage.Tests.Contracts;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.InMemory;

/// <summary>The registry of a single-process store (SQLite), held in memory.</summary>
public sealed class InMemoryServiceRegistryTests : ServiceRegistryContract
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);

    protected override Task<IServiceRegistry> CreateRegistryAsync() => Task.FromResult<IServiceRegistry>(new InMemoryServiceRegistry(clock));

    /// <summary>Moving the clock on ages every heartbeat recorded so far.</summary>
    protected override Task AgeHeartbeatsAsync(TimeSpan age)
    {
        clock.Advance(age);
        return Task.CompletedTask;
    }
}
