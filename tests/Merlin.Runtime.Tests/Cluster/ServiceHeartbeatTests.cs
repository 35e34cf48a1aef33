using Merlin.Runtime.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Merlin.Runtime.Tests.Cluster;

/// <summary>
/// The liveness signal components rely on: live once registered, lost when beats fail for the liveness timeout or
/// when others reaped this process, registered again under a new id once beats succeed, and gone from the registry at
/// a graceful stop. Short settings; every wait is for a signal, with a deadline.
/// </summary>
public sealed class ServiceHeartbeatTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FlakyServiceRegistry registry = new();
    private readonly LocalInstance self = new(["worker"], TimeProvider.System);
    private readonly ServiceHeartbeat heartbeat;

    public ServiceHeartbeatTests()
    {
        var options = new ClusterOptions { LivenessTimeout = TimeSpan.FromSeconds(1), HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        heartbeat = new ServiceHeartbeat(registry, self, options, TimeProvider.System, NullLogger<ServiceHeartbeat>.Instance);
    }

    public async Task InitializeAsync()
    {
        await heartbeat.StartAsync(CancellationToken.None);
        await heartbeat.WhenLiveAsync(CancellationToken.None).WaitAsync(Deadline);
    }

    public async Task DisposeAsync()
    {
        await heartbeat.StopAsync(CancellationToken.None);
        heartbeat.Dispose();
    }

    [Fact]
    public async Task A_started_process_is_live_and_registered_with_its_components()
    {
        Assert.True(heartbeat.IsLive);
        Assert.False(heartbeat.Liveness.IsCancellationRequested);
        var row = Assert.Single(await registry.ListDirectlyAsync());
        Assert.Equal(self.Id, row.Id);
        Assert.Equal(["worker"], row.Components);
    }

    [Fact]
    public async Task Beats_failing_for_the_timeout_lose_liveness_and_a_later_beat_registers_a_new_id()
    {
        var first = self.Id;
        var liveness = heartbeat.Liveness;

        registry.Unreachable = true;
        await Cancelled(liveness);

        Assert.False(heartbeat.IsLive);
        Assert.NotEqual(first, self.Id);
        registry.Unreachable = false;
        await heartbeat.WhenLiveAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.False(heartbeat.Liveness.IsCancellationRequested);

        // The old id's row, which nobody reaped, is deleted: whatever was claimed under it is now a dead instance's.
        Assert.Equal([self.Id], (await registry.ListDirectlyAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task Being_reaped_by_others_loses_liveness_and_registers_a_new_id()
    {
        var first = self.Id;
        var liveness = heartbeat.Liveness;

        await registry.RemoveDirectlyAsync(first);
        await Cancelled(liveness);
        await heartbeat.WhenLiveAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.NotEqual(first, self.Id);
        Assert.Equal([self.Id], (await registry.ListDirectlyAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task A_graceful_stop_removes_the_row_and_ends_liveness()
    {
        var liveness = heartbeat.Liveness;

        await heartbeat.StopAsync(CancellationToken.None);

        Assert.Empty(await registry.ListDirectlyAsync());
        Assert.True(liveness.IsCancellationRequested);
        Assert.False(heartbeat.IsLive);
    }

    private static async Task Cancelled(CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(Deadline, CancellationToken.None);
    }
}
