using Merlin.Core.Storage;

namespace Merlin.Core.Triggers;

/// <summary>Enables or disables one trigger of a flow: the one rule behind the triggers API and the Toggle task.</summary>
public interface ITriggerSwitch
{
    /// <summary>
    /// Stores the trigger's state as disabled or enabled (creating it when the trigger never ran) and tells the scheduler.
    /// Throws when the flow or the trigger does not exist.
    /// </summary>
    Task<TriggerState> SetDisabledAsync(string @namespace, string flowId, string triggerId, bool disabled, CancellationToken cancellationToken);
}
