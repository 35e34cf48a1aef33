using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging;

/// <summary>
/// What a change says of its execution before the execution is read: enough for a listener to decline it (across
/// processes an execution nobody wants is then not read from the store).
/// </summary>
/// <param name="State">The state it changed to.</param>
/// <param name="Triggered">Whether a trigger started it (true when unknown).</param>
public readonly record struct ExecutionChangeSummary(StateType State, bool Triggered)
{
    public static ExecutionChangeSummary Of(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new(execution.State.Current, execution.Trigger is not null);
    }
}
