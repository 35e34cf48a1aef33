using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// The scheduler loop: one timer set to the earliest due schedule (capped by a slow safety net), woken early by flow
/// changes, by trigger changes (<see cref="ITriggerChanges"/>) and by the end of an execution a schedule started. All
/// schedule work runs on this loop, one step at a time.
/// </summary>
public sealed class Scheduler(
    ScheduleEvaluator evaluator,
    FlowService flows,
    IFlowChanges flowChanges,
    IExecutionChanges executionChanges,
    ITriggerChanges triggerChanges,
    ILeadership leadership,
    TimeProvider clock,
    TriggerOptions options,
    ILogger<Scheduler> logger) : BackgroundService
{
    private readonly Channel<Execution?> _signals = Channel.CreateUnbounded<Execution?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentQueue<TriggerKey> _refresh = new();
    private int _reload;

    /// <summary>Asks for an evaluation now.</summary>
    private void Wake() => _signals.Writer.TryWrite(null);

    /// <summary>A trigger's stored state changed (API, Toggle task): re-read it and evaluate now.</summary>
    private void OnTriggerChanged(TriggerKey trigger)
    {
        _refresh.Enqueue(trigger);
        Wake();
    }

    /// <summary>The role one scheduler holds at a time (<see cref="ILeadership"/>): schedules and flow triggers are evaluated by it alone.</summary>
    public const string Role = "scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = await leadership.AcquireAsync(Role, stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, held);
            await LeadAsync(leading.Token);
        }
    }

    /// <summary>Evaluates schedules until <paramref name="stoppingToken"/> stops it (shutdown, or the role lost to another scheduler).</summary>
    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        using var onFlow = flowChanges.Subscribe(OnFlowChanged);
        using var onExecution = executionChanges.OnChanged(OnExecutionChanged, c => c.Triggered && c.State.IsTerminated()); // triggered ends only: nothing else is even read
        using var onTrigger = triggerChanges.Subscribe(OnTriggerChanged);
        using var timer = clock.CreateTimer(_ => Wake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            Interlocked.Exchange(ref _reload, 0);
            await evaluator.LoadAsync(await flows.ListAsync(null, stoppingToken), startup: true, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = await evaluator.EvaluateAsync(stoppingToken);
                timer.Change(Delay(next), Timeout.InfiniteTimeSpan);
                await WaitForSignalsAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForSignalsAsync(CancellationToken stoppingToken)
    {
        await _signals.Reader.WaitToReadAsync(stoppingToken);
        while (_signals.Reader.TryRead(out var ended))
        {
            if (ended is not null)
            {
                evaluator.OnExecutionEnded(ended);
            }
        }

        while (_refresh.TryDequeue(out var key))
        {
            evaluator.Refresh(key.Namespace, key.FlowId, key.TriggerId);
        }

        if (Interlocked.Exchange(ref _reload, 0) == 1)
        {
            try
            {
                await evaluator.LoadAsync(await flows.ListAsync(null, stoppingToken), startup: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reloading the schedules failed; retrying on the next signal");
                Interlocked.Exchange(ref _reload, 1);
            }
        }
    }

    private TimeSpan Delay(DateTimeOffset? next)
    {
        if (next is null)
        {
            return options.SafetyNetInterval;
        }

        var delay = next.Value - clock.GetUtcNow();
        return delay <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : delay < options.SafetyNetInterval ? delay : options.SafetyNetInterval;
    }

    private void OnFlowChanged(Core.Flows.Flow flow)
    {
        Interlocked.Exchange(ref _reload, 1);
        Wake();
    }

    private void OnExecutionChanged(Execution execution)
    {
        if (execution.State.IsTerminated && execution.Trigger is not null)
        {
            _signals.Writer.TryWrite(execution);
        }
    }
}
