using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Retries with <c>behavior: CREATE_NEW_EXECUTION</c>: the failed task run, its parents and the execution end RETRIED,
/// and a new execution of the same flow revision (inputs, labels, trigger kept, next attempt number) starts at the
/// retry date, as Kestra's replay from the start.
/// </summary>
public static class NewExecutionRetry
{
    /// <summary>True when the failed run (its failed attempt recorded) is retried in a new execution; the action is added.</summary>
    internal static bool TryApply(AdvanceContext ctx, TaskRun failed, RetryPolicy policy)
    {
        var flowLevel = ReferenceEquals(policy, ctx.Flow.Retry);
        if (ctx.Execution.State.Current == StateType.KILLING
            || RetryPlanner.NextExecution(policy, flowLevel, failed, ctx.Execution, ctx.Now) is not { } date)
        {
            return false;
        }

        for (TaskRun? run = failed; run is not null; run = run.ParentTaskRunId is { } p ? ctx.Execution.FindTaskRun(p) : null)
        {
            ctx.Update((ReferenceEquals(run, failed) ? run : ctx.Execution.FindTaskRun(run.Id)!).WithState(StateType.RETRIED, ctx.Now));
        }

        ctx.Execution = ctx.Execution.WithState(StateType.RETRIED, ctx.Now);
        ctx.Actions.Add(new ExecutionAction.RetryInNewExecution(date));
        return true;
    }

    /// <summary>
    /// The new execution: the old one's flow revision, inputs, labels, trigger and variables, no task run, attempt + 1,
    /// created at once and scheduled for the retry date (<paramref name="startAt"/>), so that it is stored while it waits.
    /// </summary>
    public static Execution Next(Execution retried, string newId, DateTimeOffset now, DateTimeOffset? startAt = null)
    {
        ArgumentNullException.ThrowIfNull(retried);
        return retried with
        {
            Id = newId,
            TaskRunList = [],
            Outputs = null,
            State = State.Create(now),
            ParentId = retried.Id,
            Metadata = retried.Metadata with { AttemptNumber = retried.Metadata.AttemptNumber + 1 },
            ScheduleDate = startAt > now ? startAt : null,
        };
    }
}
