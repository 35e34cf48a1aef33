using Merlin.Core.Executions;

namespace Merlin.Core.Engine;

internal static class TaskFailures
{
    /// <summary>Fails a task run in the executor (bad condition, render error...) and logs why, as a worker would.</summary>
    public static void Fail(AdvanceContext ctx, TaskRun run, string message)
    {
        var current = ctx.Execution.FindTaskRun(run.Id) ?? run;
        var attempt = new TaskRunAttempt(State.Create(ctx.Now, StateType.FAILED));
        ctx.Update(current.WithState(StateType.FAILED, ctx.Now) with { Attempts = current.Attempts.Add(attempt) });
        ctx.Actions.Add(new ExecutionAction.Log(run.Id, run.TaskId, LogLevel.ERROR, message));
    }

    /// <summary>Ends a task run handled by the executor itself with one attempt in the given state.</summary>
    public static void Complete(AdvanceContext ctx, TaskRun run, StateType state, IReadOnlyDictionary<string, object?>? outputs)
    {
        var current = ctx.Execution.FindTaskRun(run.Id) ?? run;
        var attempt = new TaskRunAttempt(new State(StateType.CREATED, [new StateHistory(StateType.CREATED, ctx.Now)]).With(StateType.RUNNING, ctx.Now).With(state, ctx.Now));
        ctx.Update(current.WithState(StateType.RUNNING, ctx.Now).WithState(state, ctx.Now) with
        {
            Attempts = current.Attempts.Add(attempt),
            Outputs = outputs ?? new Dictionary<string, object?>(),
        });
    }
}
