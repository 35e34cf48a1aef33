using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Ends a Subflow task run from its child's result, as Kestra does: no attempt while the child runs, then one attempt
/// holding the task run's state; the task's <c>outputs:</c> rendered against the child (a failure fails the task
/// run); a FAILED end retried under the task's or the flow's retry policy by starting a new child.
/// </summary>
internal static class SubflowResults
{
    public static void Apply(AdvanceContext ctx, ExecutionEvent.SubflowReported report, TemplateEngine templates)
    {
        if (ctx.Execution.FindTaskRun(report.TaskRunId) is not { } run || run.State.IsTerminated)
        {
            return;
        }

        switch (ctx.Tree.Task(run.TaskId))
        {
            case Subflow task:
                Subflow(ctx, task, run, report, templates);
                break;
            case ForEachItemExecutable items:
                ForEachItemIterations.Apply(ctx, items, run, report);
                break;
        }
    }

    private static void Subflow(AdvanceContext ctx, Subflow task, TaskRun run, ExecutionEvent.SubflowReported report, TemplateEngine templates)
    {
        var outputs = new Dictionary<string, object?> { ["executionId"] = report.ChildExecutionId, ["state"] = report.ChildState.ToString() };
        if (!task.Wait)
        {
            End(ctx, run, FinalState.Adjust(task, StateType.SUCCESS), outputs);
            return;
        }

        if (!report.ChildState.IsTerminated())
        {
            ctx.Update(run with { Outputs = outputs });
            return;
        }

        try
        {
            outputs["outputs"] = ChildOutputs(ctx, task, report, templates) ?? new Dictionary<string, object?>();
        }
        catch (Exception e) when (e is TemplateException or FormatException)
        {
            ctx.Actions.Add(new ExecutionAction.Log(run.Id, run.TaskId, LogLevel.WARN, $"Failed to extract outputs with the error: '{e.Message}'"));
            End(ctx, run, FinalState.Adjust(task, StateType.FAILED), outputs);
            return;
        }

        var state = task.TransmitFailed && report.ChildState is StateType.FAILED or StateType.KILLED or StateType.WARNING
            ? report.ChildState
            : StateType.SUCCESS;
        state = FinalState.Adjust(task, state);
        if (state == StateType.FAILED && Retry(ctx, run, outputs))
        {
            return;
        }

        End(ctx, run, state, outputs);
    }

    /// <summary>The child flow's own outputs when it declares some, else the task's <c>outputs:</c> rendered against the child.</summary>
    private static IReadOnlyDictionary<string, object?>? ChildOutputs(AdvanceContext ctx, Subflow task, ExecutionEvent.SubflowReported report, TemplateEngine templates)
    {
        if (task.Outputs is null || report.Child is not { } child || report.ChildFlow is not { } childFlow || childFlow.Outputs.Count > 0)
        {
            return report.ChildOutputs;
        }

        return templates.RenderValue(task.Outputs, ctx.Template(RunVariables.For(childFlow, child, envs: ctx.Input.Environment.Envs))) as IReadOnlyDictionary<string, object?>;
    }

    /// <summary>Ends the task run with one more attempt that holds its state (Kestra's <c>subflowExecutionResult</c>).</summary>
    public static void End(AdvanceContext ctx, TaskRun run, StateType state, IReadOnlyDictionary<string, object?> outputs)
    {
        var ended = run.WithState(StateType.RUNNING, ctx.Now).WithState(state, ctx.Now);
        ctx.Update(ended with { Attempts = run.Attempts.Add(new TaskRunAttempt(ended.State)), Outputs = outputs });
    }

    private static bool Retry(AdvanceContext ctx, TaskRun run, IReadOnlyDictionary<string, object?> outputs)
    {
        var failed = run.WithState(StateType.FAILED, ctx.Now);
        failed = failed with { Attempts = run.Attempts.Add(new TaskRunAttempt(failed.State)), Outputs = outputs };
        if (RetryPlanner.PolicyFor(ctx, failed) is not { } policy)
        {
            return false;
        }

        if (NewExecutionRetry.TryApply(ctx, failed, policy))
        {
            return true;
        }

        if (ctx.Execution.State.Current == StateType.KILLING || RetryPlanner.NextAttempt(policy, failed, ctx.Now) is not { } next)
        {
            return false;
        }

        ctx.Update(failed.WithState(StateType.RETRYING, ctx.Now));
        ctx.Execution = ctx.Execution.WithState(StateType.RETRYING, ctx.Now);
        ctx.Actions.Add(new ExecutionAction.WakeAt(next));
        return true;
    }
}
