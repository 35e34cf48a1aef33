using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Cluster;

/// <summary>
/// Keeps this process registered in <see cref="IServiceRegistry"/>: beats every <see cref="ClusterOptions.HeartbeatInterval"/>,
/// reaps the instances that stopped beating, and removes itself at a graceful stop. It also says whether this process
/// may still act as live (<see cref="IsLive"/>, <see cref="Liveness"/>): once its beats have failed for
/// <see cref="ClusterOptions.LivenessTimeout"/> (counted from the start of the last beat that succeeded, which is no
/// later than the heartbeat time the store recorded, so this process gives up no later than others may reap it), or
/// once it finds that others reaped it, it is lost: work bound to <see cref="Liveness"/> must stop, because others take
/// it over. It then registers again under a new id (<see cref="LocalInstance.Id"/>) as soon as a beat succeeds, and
/// deletes the old id's row if still there, so nothing stays claimed by the old id.
/// </summary>
public sealed class ServiceHeartbeat(
    IServiceRegistry registry, LocalInstance self, ClusterOptions options, TimeProvider time, ILogger<ServiceHeartbeat> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private CancellationTokenSource liveness = new();
    private TaskCompletionSource becameLive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool live;

    /// <summary>True while this process's registration is current: its beats succeed and nobody reaped it.</summary>
    public bool IsLive
    {
        get
        {
            lock (gate)
            {
                return live;
            }
        }
    }

    /// <summary>
    /// Cancelled when the current registration is lost. Read it again after it fires (after <see cref="WhenLiveAsync"/>):
    /// the next registration has a new one.
    /// </summary>
    public CancellationToken Liveness
    {
        get
        {
            lock (gate)
            {
                return liveness.Token;
            }
        }
    }

    /// <summary>Completes once this process is registered and live (at once if it is).</summary>
    public Task WhenLiveAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return becameLive.Task.WaitAsync(cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Registered first, this service stops last: the components have let go of their work, so others may take it now.
            await registry.RemoveAsync(self.Id, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Instance {Id} could not remove itself from the registry; others reap it after {Timeout}: {Error}", self.Id, options.LivenessTimeout, e.Message);
        }

        lock (gate)
        {
            live = false;
            liveness.Cancel();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastBeat = time.GetTimestamp(); // a process that never beats is lost one timeout after its start
        string? stale = null;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            var remaining = options.LivenessTimeout - time.GetElapsedTime(lastBeat);
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                attempt.CancelAfter(remaining > options.HeartbeatInterval ? remaining : options.HeartbeatInterval);
                try
                {
                    if (stale is not null)
                    {
                        await registry.RemoveAsync(stale, attempt.Token);
                        stale = null;
                    }

                    var existed = await registry.BeatAsync(self.Describe(), attempt.Token);
                    if (IsLive && !existed)
                    {
                        // This beat put the reaped id back: delete it again, so it stays dead for those taking its work over.
                        stale = Lose("others reaped it as dead");
                        continue; // register again at once, under the new id
                    }

                    lastBeat = started;
                    if (failing)
                    {
                        logger.LogInformation("Heartbeats of instance {Id} succeed again", self.Id);
                        failing = false;
                    }

                    BecomeLive();
                    await ReapAsync(attempt.Token);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    if (!failing)
                    {
                        logger.LogWarning("Heartbeat of instance {Id} failed, retried every {Interval}: {Error}", self.Id, options.HeartbeatInterval, e.Message);
                        failing = true;
                    }
                }
            }

            if (IsLive && time.GetElapsedTime(lastBeat) >= options.LivenessTimeout)
            {
                stale = Lose($"its heartbeats failed for {options.LivenessTimeout}");
            }

            if (!await WaitAsync(Next(started, lastBeat), stoppingToken))
            {
                return;
            }
        }
    }

    private async Task ReapAsync(CancellationToken cancellationToken)
    {
        foreach (var dead in await registry.ReapAsync(options.LivenessTimeout, cancellationToken))
        {
            logger.LogInformation(
                "Instance {Id} ({Components}) is dead: last heartbeat {HeartbeatAt:O}, more than {Timeout} ago; removed from the registry",
                dead.Id, string.Join(", ", dead.Components), dead.HeartbeatAt, options.LivenessTimeout);
        }
    }

    /// <summary>The next beat is one interval after this one started, or sooner when the liveness deadline comes first.</summary>
    private TimeSpan Next(long started, long lastBeat)
    {
        var next = options.HeartbeatInterval - time.GetElapsedTime(started);
        var deadline = options.LivenessTimeout - time.GetElapsedTime(lastBeat);
        var wait = IsLive && deadline < next ? deadline : next;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void BecomeLive()
    {
        lock (gate)
        {
            if (live)
            {
                return;
            }

            live = true;
            becameLive.TrySetResult();
        }

        // Debug: the start-up line names the instance, and a start that fails afterwards (a taken port) must print one line only.
        logger.LogDebug("Instance {Id} ({Components}) registered", self.Id, string.Join(", ", self.Components));
    }

    /// <summary>Ends the current registration: its work is stopped, and the next beat registers a new id. Answers the old id.</summary>
    private string Lose(string why)
    {
        CancellationTokenSource lost;
        string old;
        lock (gate)
        {
            live = false;
            lost = liveness;
            liveness = new CancellationTokenSource();
            becameLive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            old = self.Renew();
        }

        logger.LogWarning("Instance {Id} lost its liveness ({Why}): its work stops and is taken over by others; registering again as {NewId}", old, why, self.Id);
        lost.Cancel(); // not disposed: tokens handed out earlier must stay usable
        return old;
    }
}
