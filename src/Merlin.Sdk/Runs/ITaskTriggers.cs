namespace Merlin.Sdk.Runs;

/// <summary>Actions a task may take on triggers (Kestra's <c>trigger.Toggle</c>).</summary>
public interface ITaskTriggers
{
    /// <summary>
    /// Enables or disables a flow's trigger; throws when the trigger has no state yet (it has never been evaluated).
    /// </summary>
    Task SetEnabledAsync(string @namespace, string flowId, string triggerId, bool enabled, CancellationToken cancellationToken);
}
