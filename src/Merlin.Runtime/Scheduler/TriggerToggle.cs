using Merlin.Core.Storage;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// Enables or disables a trigger for a task (Kestra's <c>trigger.Toggle</c>) by updating its stored state; a trigger that
/// has never been evaluated has no state and cannot be toggled, as in Kestra.
/// </summary>
public sealed class TriggerToggle(ITriggerStateRepository states) : ITaskTriggers
{
    public async Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(@namespace, flowId, triggerId, cancellationToken)
            ?? throw new InvalidOperationException($"Unable to find trigger {triggerId} for the flow {@namespace}.{flowId}");
        await states.SaveAsync(state with { Disabled = !enabled, Updated = DateTimeOffset.UtcNow }, cancellationToken);
    }
}
