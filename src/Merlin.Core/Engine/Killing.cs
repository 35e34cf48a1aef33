using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>KILLING: nothing new starts; waiting task runs are killed; the execution is KILLED once all are terminated.</summary>
internal static class Killing
{
    public static void Start(AdvanceContext ctx)
    {
        ctx.Execution = ctx.Execution.WithState(StateType.KILLING, ctx.Now);
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.RUNNING))
        {
            switch (ctx.Tree.Task(run.TaskId))
            {
                case RunnableTask:
                    ctx.Actions.Add(new ExecutionAction.KillTask(run.Id));
                    break;
                case Tasks.Subflow when run.Outputs?.GetValueOrDefault("executionId") is string child:
                    ctx.Actions.Add(new ExecutionAction.KillChild(child));
                    break;
                case Tasks.Loop:
                    ctx.Actions.AddRange(LoopIterations.Running(run).Select(id => new ExecutionAction.KillChild(id)));
                    break;
            }
        }
    }

    public static void Step(AdvanceContext ctx)
    {
        foreach (var run in ctx.Execution.TaskRunList.ToList())
        {
            var task = ctx.Tree.Task(run.TaskId);
            var waiting = run.State.Current is StateType.CREATED or StateType.RESTARTED or StateType.RETRYING or StateType.PAUSED or StateType.QUEUED;
            var emptyFlowable = task is FlowableTask && run.State.Current == StateType.RUNNING
                && ctx.ChildrenOf(run.Id).All(c => c.State.IsTerminated);
            // ForEachItem's subflows are not tracked one by one: its batch task run ends KILLED at once (the subflows run on).
            var batches = task is Tasks.ForEachItemExecutable && run.State.Current == StateType.RUNNING;
            if (waiting || emptyFlowable || batches)
            {
                ctx.Update(run.WithState(StateType.KILLED, ctx.Now));
            }
        }

        if (ctx.Execution.TaskRunList.All(r => r.State.IsTerminated))
        {
            ctx.Execution = ctx.Execution.WithState(StateType.KILLED, ctx.Now);
        }
    }
}
