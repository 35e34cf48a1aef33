using Merlin.Core.Conditions;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;
using Merlin.Runtime.Executions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// Kestra's Flow trigger: on a change of an execution, starts the flows whose Flow triggers accept the upstream state
/// and conditions. A flow never triggers itself, and an upstream execution fires a trigger at most once per state change
/// (a RUNNING after a PAUSED is a new change: the key holds the length of the state history).
/// </summary>
public sealed class FlowTriggerEvaluator(
    ITriggerLauncher launcher,
    ITriggerStateRepository states,
    ConditionEvaluator conditions,
    EngineEnvironment environment,
    TemplateEngine templates,
    IMultipleConditionWindowStore windows,
    TimeProvider clock,
    ILogger<FlowTriggerEvaluator> logger)
{
    private const int SeenLimit = 10_000;
    private readonly HashSet<(string, int, StateType, string, string, string)> _seen = [];
    private readonly Queue<(string, int, StateType, string, string, string)> _seenOrder = new();

    /// <summary>Evaluates every Flow trigger of <paramref name="flows"/> against <paramref name="upstream"/>; returns the executions started.</summary>
    public async Task<IReadOnlyList<Execution>> EvaluateAsync(Execution upstream, Flow? upstreamFlow, IReadOnlyList<Flow> flows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(flows);
        var started = new List<Execution>();
        foreach (var flow in flows.Where(f => !f.Deleted && !f.Disabled && !(f.Namespace == upstream.Namespace && f.Id == upstream.FlowId)))
        {
            foreach (var trigger in flow.Triggers.OfType<FlowTrigger>().Where(t => !t.Disabled && t.EffectiveStates().Contains(upstream.State.Current)))
            {
                if (!Remember((upstream.Id, upstream.State.Histories.Count, upstream.State.Current, flow.Namespace, flow.Id, trigger.Id)))
                {
                    continue;
                }

                if (await StartAsync(flow, trigger, upstream, upstreamFlow, cancellationToken) is { } execution)
                {
                    started.Add(execution);
                }
            }
        }

        return started;
    }

    private async Task<Execution?> StartAsync(Flow flow, FlowTrigger trigger, Execution upstream, Flow? upstreamFlow, CancellationToken cancellationToken)
    {
        if ((await states.GetAsync(flow.Namespace, flow.Id, trigger.Id, cancellationToken))?.Disabled == true)
        {
            return null;
        }

        var variables = TriggerVariables(upstream);
        var context = RunVariables.For(flow, upstream, envs: environment.Envs);
        context["trigger"] = variables;
        try
        {
            if (!await AcceptsAsync(flow, trigger, upstream, context, cancellationToken))
            {
                return null;
            }

            return await launcher.StartAsync(new ExecutionRequest
            {
                Namespace = flow.Namespace,
                FlowId = flow.Id,
                Revision = flow.Revision,
                Inputs = TriggerRendering.Inputs(trigger.Inputs, templates, context),
                Labels = TriggerRendering.Labels(trigger.Labels, templates, context),
                Trigger = new ExecutionTrigger(trigger.Id, trigger.Type, variables),
                TypedInputs = false,
                CorrelationId = false,
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Flow trigger {Namespace}.{FlowId}.{TriggerId} did not start for execution {ExecutionId}: {Error}",
                flow.Namespace, flow.Id, trigger.Id, upstream.Id, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The simple conditions first; then, as Kestra, every MultipleCondition and the preconditions record in their window
    /// which of their named conditions this upstream execution meets, and the trigger fires once all are met in the
    /// window (which is then reset, unless <c>resetOnSuccess</c> is false).
    /// </summary>
    private async Task<bool> AcceptsAsync(Flow flow, FlowTrigger trigger, Execution upstream, Dictionary<string, object?> context, CancellationToken cancellationToken)
    {
        var conditionContext = new ConditionContext(flow, context, upstream);
        var simple = (trigger.Conditions ?? []).Where(c => c is not MultipleCondition).ToList();
        if (!conditions.All(simple, conditionContext))
        {
            return false;
        }

        var groups = (trigger.Conditions ?? []).OfType<MultipleCondition>()
            .Select(m => (m.Id, ConditionWindows.Of(m), m.ResetOnSuccess, m.Conditions.ToDictionary(c => c.Key, c => (Func<Execution, bool>)(_ => Holds(c.Value, conditionContext)))))
            .ToList();
        if (trigger.Preconditions is { } preconditions)
        {
            var named = Preconditions.Named(preconditions, value => templates.Render(value, new TemplateContext(context)));
            groups.Add((preconditions.Id, preconditions.TimeWindow, preconditions.ResetOnSuccess, named));
        }

        var fulfilled = true;
        foreach (var (id, timeWindow, _, named) in groups)
        {
            var stored = await windows.GetAsync(flow.Namespace, flow.Id, id, cancellationToken);
            var window = ConditionWindows.Current(stored, flow, id, timeWindow, clock.GetUtcNow())
                .With(named.Where(n => n.Value(upstream)).Select(n => n.Key));
            await windows.SaveAsync(window, cancellationToken);
            fulfilled &= named.Keys.All(name => window.Results.GetValueOrDefault(name));
        }

        if (fulfilled)
        {
            foreach (var (id, _, reset, _) in groups.Where(g => g.ResetOnSuccess))
            {
                await windows.DeleteAsync(flow.Namespace, flow.Id, id, cancellationToken);
            }
        }

        return fulfilled;
    }

    private bool Holds(ConditionDefinition condition, ConditionContext context)
    {
        try
        {
            return conditions.Test(condition, context);
        }
        catch (Exception e) when (e is NotSupportedException or TemplateException or FormatException)
        {
            logger.LogWarning("Condition {Type} of a MultipleCondition could not be evaluated: {Error}", condition.Type, e.Message);
            return false;
        }
    }

    private static Dictionary<string, object?> TriggerVariables(Execution upstream) => new()
    {
        ["executionId"] = upstream.Id,
        ["namespace"] = upstream.Namespace,
        ["flowId"] = upstream.FlowId,
        ["flowRevision"] = (long)upstream.FlowRevision,
        ["state"] = upstream.State.Current.ToString(),
        ["outputs"] = upstream.Outputs ?? new Dictionary<string, object?>(),
    };

    private bool Remember((string, int, StateType, string, string, string) key)
    {
        if (!_seen.Add(key))
        {
            return false;
        }

        _seenOrder.Enqueue(key);
        if (_seenOrder.Count > SeenLimit)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }

        return true;
    }
}
