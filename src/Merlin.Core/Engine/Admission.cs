using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Flow <c>concurrency</c> (Kestra's QUEUE, CANCEL, FAIL), decided before anything else happens to a new execution,
/// from the count of admitted unfinished executions of the flow that the runtime keeps (<see cref="AdvanceInput.AdmittedExecutions"/>).
/// </summary>
internal static class Admission
{
    // Actions without state: one instance each serves every advance.
    private static readonly ExecutionAction.TakeConcurrencySlot Take = new();
    private static readonly ExecutionAction.AwaitConcurrencySlot Await = new();

    public static bool Needed(Flow flow, Execution execution) =>
        flow.Concurrency is not null && execution.LoopRun is null && execution.State.Current == StateType.CREATED && execution.TaskRunList.IsEmpty;

    /// <summary>Admits (the slot is the first action) or refuses: the refused state and its actions, which end the advance.</summary>
    public static AdvanceResult? Decide(ConcurrencyLimit limit, Execution execution, AdvanceInput input, List<ExecutionAction> actions)
    {
        if (input.AdmittedExecutions < limit.Limit)
        {
            actions.Add(Take);
            return null;
        }

        return limit.Behavior switch
        {
            "CANCEL" => new AdvanceResult(execution.WithState(StateType.CANCELLED, input.Now), []),
            "FAIL" => new AdvanceResult(execution.WithState(StateType.FAILED, input.Now),
                [new ExecutionAction.Log(null, null, LogLevel.ERROR, "Flow is FAILED due to concurrency limit exceeded")]),
            _ => new AdvanceResult(execution.WithState(StateType.QUEUED, input.Now), [Await]),
        };
    }
}
