namespace Merlin.Sdk.Runs;

/// <summary>Actions a task may take on triggers (Kestra's <c>trigger.Toggle</c>).</summary>
public interface ITaskTriggers
{
    /// <summary>
    /// Enables or disables a flow's trigger, as the triggers API does (a trigger that never ran gets a state);
    /// throws when the flow or the trigger does not exist.
    /// </summary>
    Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken);
}
