using Merlin.Core.Conditions;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;
using Merlin.Runtime.Executions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Triggers;

/// <summary>
/// Kestra's Flow trigger: on a change of an execution, starts the flows whose Flow triggers accept the upstream state
/// and conditions. A flow never triggers itself, and an upstream execution fires a trigger at most once per state.
/// </summary>
public sealed class FlowTriggerEvaluator(
    ITriggerLauncher launcher,
    ITriggerStateRepository states,
    ConditionEvaluator conditions,
    TemplateEngine templates,
    ILogger<FlowTriggerEvaluator> logger)
{
    private const int SeenLimit = 10_000;
    private readonly HashSet<(string, StateType, string, string, string)> _seen = [];
    private readonly Queue<(string, StateType, string, string, string)> _seenOrder = new();

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
                if (!Remember((upstream.Id, upstream.State.Current, flow.Namespace, flow.Id, trigger.Id)))
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
        var context = RunVariables.For(flow, upstream);
        context["trigger"] = variables;
        try
        {
            if (!Accepts(flow, trigger, upstream, upstreamFlow, context))
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

    private bool Accepts(Flow flow, FlowTrigger trigger, Execution upstream, Flow? upstreamFlow, Dictionary<string, object?> context)
    {
        var simple = (trigger.Conditions ?? []).Where(c => c is not MultipleCondition).ToList();
        if (!conditions.All(simple, new ConditionContext(flow, context, upstream)))
        {
            return false;
        }

        if (trigger.Conditions?.Any(c => c is MultipleCondition) == true)
        {
            logger.LogWarning("Flow trigger {FlowId}.{TriggerId}: MultipleCondition is not supported yet; not triggering", flow.Id, trigger.Id);
            return false;
        }

        return trigger.Preconditions is null || Preconditions.Match(trigger.Preconditions, upstream, upstreamFlow);
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

    private bool Remember((string, StateType, string, string, string) key)
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
