using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// Real <c>merlin server worker</c> processes on one PostgreSQL: each registers in <c>service_instances</c>, one killed
/// with SIGKILL is reaped by the others after the liveness timeout, one stopped with SIGTERM removes its row itself.
/// </summary>
public sealed class ClusterHeartbeatTests : IAsyncLifetime
{
    private ClusterProcesses cluster = null!; // set by InitializeAsync, before any test runs

    public async Task InitializeAsync() => cluster = await ClusterProcesses.CreateAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task A_killed_worker_is_reaped_after_the_liveness_timeout_while_the_other_stays()
    {
        var survivor = await cluster.StartAsync("worker");
        var victim = await cluster.StartAsync("worker");
        Assert.Equal(new[] { survivor.InstanceId, victim.InstanceId }.Order(StringComparer.Ordinal), await cluster.InstancesAsync());

        victim.KillHard();

        await cluster.WaitForInstancesAsync(ids => !ids.Contains(victim.InstanceId), "the killed worker is reaped", ClusterProcesses.LivenessTimeout * 5);
        Assert.Equal([survivor.InstanceId], await cluster.InstancesAsync());
        Assert.False(survivor.HasExited, survivor.Output);
        await survivor.WaitForLineAsync(l => l.Contains($"Instance {victim.InstanceId} (worker) is dead", StringComparison.Ordinal), "reporting the reaped worker");
    }

    [Fact]
    public async Task A_worker_stopped_with_sigterm_removes_its_row_before_it_exits()
    {
        var staying = await cluster.StartAsync("worker");
        var stopped = await cluster.StartAsync("worker");

        Assert.Equal(0, await stopped.StopAsync());

        // Read once, right after the exit: well within the liveness timeout, so nobody but the process itself removed it.
        Assert.Equal([staying.InstanceId], await cluster.InstancesAsync());
        Assert.DoesNotContain(staying.Lines, l => l.Contains(stopped.InstanceId + " (worker) is dead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_component_registers_with_what_it_runs()
    {
        var executor = await cluster.StartAsync("executor");
        var scheduler = await cluster.StartAsync("scheduler");
        var webserver = await cluster.StartAsync("webserver");

        var rows = await cluster.ComponentsAsync();

        Assert.Equal("executor", rows[executor.InstanceId]);
        Assert.Equal("scheduler", rows[scheduler.InstanceId]);
        Assert.Equal("webserver", rows[webserver.InstanceId]);
    }
}
