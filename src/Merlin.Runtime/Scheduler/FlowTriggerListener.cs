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
    private readonly Lock _gate = new();
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
        using var onFlow = flowChanges.OnChanging(Invalidate);
        await LoadBeforeListeningAsync(stoppingToken);
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
        var states = loaded.SelectMany(StatesOf).ToHashSet();
        lock (_gate)
        {
            if (version == _version) // a flow changed meanwhile: reload again next time
            {
                Volatile.Write(ref _withTriggers, new WithTriggers(loaded, states));
            }
        }

        if (states.Any(s => !s.IsTerminated()))
        {
            executionChanges.WantsChanged(); // a trigger on a state in between: across processes, hear the progress too
        }

        return loaded;
    }

    /// <summary>
    /// Loads the flows before asking for execution changes, so the first wish is already narrow: across processes the
    /// scheduler is then not even woken by changes no Flow trigger evaluates. If they cannot be read now, every change
    /// is wanted until they are.
    /// </summary>
    private async Task LoadBeforeListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlowsWithTriggersAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Flow triggers could not load the flows yet ({Error}); they hear every execution change until they can", e.Message);
        }
    }

    private static IEnumerable<StateType> StatesOf(Flow flow) => flow.Triggers.OfType<FlowTrigger>().SelectMany(t => t.EffectiveStates());

    /// <summary>
    /// A flow changes: the flows are reloaded on the next execution change, and until then every change is wanted (the
    /// flow may have a new trigger). Heard before the new revision is read, so an execution end committed after the
    /// flow's save is never judged against the flows from before it.
    /// </summary>
    private void Invalidate()
    {
        lock (_gate)
        {
            _version++;
            Volatile.Write(ref _withTriggers, null);
        }
    }

    /// <summary>
    /// Whether a Flow trigger may evaluate a change to <paramref name="change"/>'s state (all, until the flows are loaded).
    /// Asked on the publishing or notification thread: a change none wants is dropped there rather than waking the loop,
    /// three times per execution, and across processes it is not even read from the store.
    /// </summary>
    private bool Wants(ExecutionChangeSummary change) => Volatile.Read(ref _withTriggers) is not { } loaded || loaded.States.Contains(change.State);

    private void OnChanged(Execution execution) => _changes.Writer.TryWrite(execution);

    /// <summary>The flows with Flow triggers, and every state one of those triggers evaluates.</summary>
    private sealed record WithTriggers(IReadOnlyList<Flow> Flows, HashSet<StateType> States);
}
