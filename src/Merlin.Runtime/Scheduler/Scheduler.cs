using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// The scheduler loop: one timer set to the earliest due schedule (capped by a slow safety net), woken early by flow
/// changes and by the end of an execution a schedule started. All schedule work runs on this loop, one step at a time.
/// </summary>
public sealed class Scheduler(
    ScheduleEvaluator evaluator,
    FlowService flows,
    ExecutionNotifier notifier,
    TimeProvider clock,
    TriggerOptions options,
    ILogger<Scheduler> logger) : BackgroundService
{
    private readonly Channel<Execution?> _signals = Channel.CreateUnbounded<Execution?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string, string, string)> _refresh = new();
    private int _reload;

    /// <summary>Asks for an evaluation now.</summary>
    public void Wake() => _signals.Writer.TryWrite(null);

    /// <summary>A trigger's stored state changed (API, Toggle task): re-read it and evaluate now.</summary>
    public void Refresh(string @namespace, string flowId, string triggerId)
    {
        _refresh.Enqueue((@namespace, flowId, triggerId));
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        flows.FlowChanged += OnFlowChanged;
        notifier.Changed += OnExecutionChanged;
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
        finally
        {
            flows.FlowChanged -= OnFlowChanged;
            notifier.Changed -= OnExecutionChanged;
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
            evaluator.Refresh(key.Item1, key.Item2, key.Item3);
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
