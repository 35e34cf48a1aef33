using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Triggers;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// Feeds every committed execution change to the <see cref="FlowTriggerEvaluator"/> on one background loop (the
/// executor is never blocked). The flows that have Flow triggers are cached and reloaded when a flow changes; the
/// expired MultipleCondition windows are purged then.
/// </summary>
public sealed class FlowTriggerListener(
    FlowTriggerEvaluator evaluator,
    FlowService flows,
    IFlowChanges flowChanges,
    IExecutionChanges executionChanges,
    IMultipleConditionWindowStore windows,
    ILeadership leadership,
    TimeProvider clock,
    ILogger<FlowTriggerListener> logger) : BackgroundService
{
    private readonly Channel<Execution> _changes = Channel.CreateUnbounded<Execution>(new UnboundedChannelOptions { SingleReader = true });
    private WithTriggers? _withTriggers; // null: not loaded since the last flow change
    private int _version;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = await leadership.AcquireAsync(Scheduler.Role, stoppingToken);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, held);
            await LeadAsync(leading.Token);
        }
    }

    /// <summary>Evaluates flow triggers while this process holds the scheduler's role: one evaluation per execution change cluster-wide.</summary>
    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        using var onFlow = flowChanges.Subscribe(OnFlowChanged);
        using var onExecution = executionChanges.OnChanged(OnChanged, Wants);
        try
        {
            await foreach (var execution in _changes.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var candidates = await FlowsWithTriggersAsync(stoppingToken);
                    if (candidates.Count > 0 && candidates.Any(f => Listens(f, execution)))
                    {
                        var upstreamFlow = await flows.FindAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, stoppingToken);
                        await evaluator.EvaluateAsync(execution, upstreamFlow, candidates, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Flow triggers failed for execution {ExecutionId}", execution.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // A Loop iteration is part of its parent execution, which flow triggers see end.
    private static bool Listens(Flow flow, Execution execution) =>
        execution.LoopRun is null && !(flow.Namespace == execution.Namespace && flow.Id == execution.FlowId)
        && flow.Triggers.OfType<FlowTrigger>().Any(t => t.EffectiveStates().Contains(execution.State.Current));

    private async Task<IReadOnlyList<Flow>> FlowsWithTriggersAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _withTriggers) is { } cached)
        {
            return cached.Flows;
        }

        // Windows only end up unused when their flow or condition went away: purge them when the flows are (re)loaded.
        await windows.DeleteExpiredAsync(clock.GetUtcNow(), cancellationToken);
        var version = Volatile.Read(ref _version);
        var loaded = (await flows.ListAsync(null, cancellationToken)).Where(f => f.Triggers.OfType<FlowTrigger>().Any()).ToList();
        if (version == Volatile.Read(ref _version))
        {
            var states = loaded.SelectMany(f => f.Triggers.OfType<FlowTrigger>()).SelectMany(t => t.EffectiveStates()).ToHashSet();
            Volatile.Write(ref _withTriggers, new WithTriggers(loaded, states)); // a flow changed meanwhile: reload again next time
        }

        return loaded;
    }

    private void OnFlowChanged(Flow flow)
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _withTriggers, null);
    }

    /// <summary>
    /// Whether a Flow trigger may evaluate a change to <paramref name="state"/> (all, until the flows are loaded). Asked
    /// on the publishing or notification thread: a change none wants is dropped there rather than waking the loop, three
    /// times per execution, and across processes it is not even read from the store.
    /// </summary>
    private bool Wants(ExecutionChangeSummary change) => Volatile.Read(ref _withTriggers) is not { } loaded || loaded.States.Contains(change.State);

    private void OnChanged(Execution execution) => _changes.Writer.TryWrite(execution);

    /// <summary>The flows with Flow triggers, and every state one of those triggers evaluates.</summary>
    private sealed record WithTriggers(IReadOnlyList<Flow> Flows, HashSet<StateType> States);
}
