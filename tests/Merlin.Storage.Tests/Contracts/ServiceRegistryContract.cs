using Merlin.Runtime.Cluster;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IServiceRegistry"/> backend must do; subclass once per backend.</summary>
public abstract class ServiceRegistryContract : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private IServiceRegistry? registry;

    protected static CancellationToken None => CancellationToken.None;

    protected IServiceRegistry Registry => registry ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => registry = await CreateRegistryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IServiceRegistry> CreateRegistryAsync();

    /// <summary>Makes every heartbeat recorded so far older by <paramref name="age"/>, as the store's clock sees it.</summary>
    protected abstract Task AgeHeartbeatsAsync(TimeSpan age);

    [Fact]
    public async Task The_first_beat_registers_and_the_next_ones_refresh()
    {
        Assert.False(await Registry.BeatAsync(Instance("a"), None));
        Assert.True(await Registry.BeatAsync(Instance("a"), None));
        Assert.True(await Registry.BeatAsync(Instance("a"), None));

        Assert.Equal(["a"], (await Registry.ListAsync(None)).Select(i => i.Id));
    }

    [Fact]
    public async Task An_instance_reads_back_with_the_stores_heartbeat_time()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var sent = Instance("node-1") with { HeartbeatAt = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        await Registry.BeatAsync(sent, None);

        var read = Assert.Single(await Registry.ListAsync(None));
        Assert.Equal(sent with { HeartbeatAt = read.HeartbeatAt, Components = read.Components }, read);
        Assert.Equal(sent.Components, read.Components);
        Assert.InRange(read.HeartbeatAt, before, DateTimeOffset.UtcNow.AddMinutes(1)); // the store's clock, not the one sent
    }

    [Fact]
    public async Task Remove_deletes_that_instance_only()
    {
        await Registry.BeatAsync(Instance("a"), None);
        await Registry.BeatAsync(Instance("b"), None);

        Assert.True(await Registry.RemoveAsync("a", None));
        Assert.False(await Registry.RemoveAsync("a", None));

        Assert.Equal(["b"], (await Registry.ListAsync(None)).Select(i => i.Id));
    }

    [Fact]
    public async Task Reap_deletes_the_instances_older_than_the_timeout_and_answers_them()
    {
        await Registry.BeatAsync(Instance("dead"), None);
        await Registry.BeatAsync(Instance("renewed"), None);
        await AgeHeartbeatsAsync(Timeout * 2);
        await Registry.BeatAsync(Instance("renewed"), None);
        await Registry.BeatAsync(Instance("fresh"), None);

        var reaped = await Registry.ReapAsync(Timeout, None);

        Assert.Equal(["dead"], reaped.Select(i => i.Id));
        Assert.Equal(["worker"], reaped[0].Components);
        Assert.Equal(["fresh", "renewed"], (await Registry.ListAsync(None)).Select(i => i.Id));
        Assert.Empty(await Registry.ReapAsync(Timeout, None));
    }

    [Fact]
    public async Task Reap_keeps_instances_within_the_timeout()
    {
        await Registry.BeatAsync(Instance("a"), None);
        await AgeHeartbeatsAsync(Timeout / 2);

        Assert.Empty(await Registry.ReapAsync(Timeout, None));
        Assert.Single(await Registry.ListAsync(None));
    }

    [Fact]
    public async Task A_reaped_instance_that_beats_again_is_registered_anew()
    {
        await Registry.BeatAsync(Instance("a"), None);
        await AgeHeartbeatsAsync(Timeout * 2);
        await Registry.ReapAsync(Timeout, None);

        Assert.False(await Registry.BeatAsync(Instance("a"), None));
        Assert.Single(await Registry.ListAsync(None));
    }

    [Fact]
    public async Task Concurrent_reapers_answer_each_dead_instance_once()
    {
        foreach (var id in Enumerable.Range(0, 20).Select(i => "dead-" + i))
        {
            await Registry.BeatAsync(Instance(id), None);
        }

        await AgeHeartbeatsAsync(Timeout * 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Registry.ReapAsync(Timeout, None))));

        var reaped = answers.SelectMany(a => a).Select(i => i.Id).ToList();
        Assert.Equal(20, reaped.Count);
        Assert.Equal(20, reaped.Distinct().Count());
    }

    private static ServiceInstance Instance(string id) =>
        new(id, ["worker"], "host-1", 4242, "1.2.3", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), default);
}
