using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Triggers;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// Disables and enables triggers through their stored state; the scheduler hears of it through <see cref="ITriggerChanges"/>.
/// The API and the Toggle task (through the SDK's <see cref="ITaskTriggers"/>) share this one rule.
/// </summary>
public sealed class TriggerSwitch(FlowService flows, ITriggerStateRepository states, ITriggerChanges changes, TimeProvider clock) : ITriggerSwitch, ITaskTriggers
{
    public Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken) =>
        SetDisabledAsync(@namespace, flowId, triggerId, disabled: !enabled, cancellationToken);

    public async Task<TriggerState> SetDisabledAsync(string @namespace, string flowId, string triggerId, bool disabled, CancellationToken cancellationToken)
    {
        var (flow, trigger) = await FindAsync(@namespace, flowId, triggerId, cancellationToken);
        var state = await states.GetAsync(flow.Namespace, flow.Id, trigger.Id, cancellationToken) ?? Empty(flow, trigger);
        var updated = state with { Disabled = disabled, Updated = clock.GetUtcNow() };
        await states.SaveAsync(updated, cancellationToken);
        await changes.PublishAsync(new TriggerKey(flow.Namespace, flow.Id, trigger.Id), CancellationToken.None);
        return updated;
    }

    /// <summary>The live flow and its trigger, else 404 with Kestra's words.</summary>
    public async Task<(Flow Flow, TriggerDefinition Trigger)> FindAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken)
    {
        var flow = await flows.FindAsync(@namespace, flowId, null, cancellationToken) ?? throw new NotFoundException($"Flow '{@namespace}.{flowId}' not found");
        var trigger = flow.Triggers.FirstOrDefault(t => t.Id == triggerId) ?? throw new NotFoundException($"Trigger '{triggerId}' not found on flow '{@namespace}.{flowId}'");
        return (flow, trigger);
    }

    /// <summary>The state of a trigger that has not run yet.</summary>
    public static TriggerState Empty(Flow flow, TriggerDefinition trigger) =>
        new() { Namespace = flow.Namespace, FlowId = flow.Id, TriggerId = trigger.Id, FlowRevision = flow.Revision };
}
