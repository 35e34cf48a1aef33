using Merlin.Core.Executions;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// ForEachItem's <c>{id}_items</c> task run: asks the runtime for one subflow per batch, then counts the subflows'
/// end states in <c>iterations</c> (Kestra's <c>manageIterations</c>: batches not ended count as RUNNING, CREATED
/// stays 0 once started) and ends when all have ended, in the worst of their states when <c>transmitFailed</c>.
/// Without <c>wait</c> it ends as soon as the subflows are created, every batch counted SUCCESS.
/// </summary>
internal static class ForEachItemIterations
{
    private const string Iterations = "iterations";
    private const string NumberOfBatches = "numberOfBatches";

    public static void Start(AdvanceContext ctx, ForEachItemExecutable task, TaskRun run, TemplateEngine templates)
    {
        var split = ctx.ChildrenOf(run.ParentTaskRunId).FirstOrDefault(r => r.TaskId == task.SplitTaskId);
        if (split?.Outputs?.GetValueOrDefault("splits") is not string splits)
        {
            throw new FlowableException($"Task '{task.Id}': no batches, '{task.SplitTaskId}' gave no splits file");
        }

        var variables = ctx.Variables(task, run);
        var context = ctx.Template(variables);
        var labels = Dispatcher.LabelValues(templates.RenderValue(task.Parent.Labels, context), task.Id);
        var running = run.WithState(StateType.RUNNING, ctx.Now);
        ctx.Update(running);
        ctx.Actions.Add(new ExecutionAction.StartSubflowBatches(running, task, templates.Render(task.Parent.Namespace, context),
            templates.Render(task.Parent.FlowId, context), task.Parent.Revision, splits, variables, labels));
    }

    /// <summary>The runtime created every subflow: the number of batches is known.</summary>
    public static void Started(AdvanceContext ctx, ExecutionEvent.SubflowBatchesStarted started)
    {
        if (ctx.Execution.FindTaskRun(started.TaskRunId) is not { } run || run.State.IsTerminated
            || ctx.Tree.Task(run.TaskId) is not ForEachItemExecutable task)
        {
            return;
        }

        var outputs = new Dictionary<string, object?>(run.Outputs ?? new Dictionary<string, object?>())
        {
            [NumberOfBatches] = started.NumberOfBatches,
            ["subflowOutputsBaseUri"] = started.OutputsBaseUri,
        };
        if (!task.Parent.Wait)
        {
            outputs[Iterations] = new Dictionary<string, object?> { ["RUNNING"] = 0, ["SUCCESS"] = started.NumberOfBatches };
            SubflowResults.End(ctx, run, StateType.SUCCESS, outputs);
            return;
        }

        Count(ctx, task, run with { Outputs = outputs }, null);
    }

    /// <summary>A subflow reached a state; only its end counts.</summary>
    public static void Apply(AdvanceContext ctx, ForEachItemExecutable task, TaskRun run, ExecutionEvent.SubflowReported report)
    {
        if (task.Parent.Wait && report.ChildState.IsTerminated())
        {
            Count(ctx, task, run, report.ChildState);
        }
    }

    private static void Count(AdvanceContext ctx, ForEachItemExecutable task, TaskRun run, StateType? ended)
    {
        var outputs = new Dictionary<string, object?>(run.Outputs ?? new Dictionary<string, object?>());
        var iterations = outputs.GetValueOrDefault(Iterations) is IReadOnlyDictionary<string, object?> previous
            ? new Dictionary<string, object?>(previous)
            : new Dictionary<string, object?> { ["CREATED"] = 0 };
        if (ended is { } state)
        {
            iterations[state.ToString()] = Number(iterations.GetValueOrDefault(state.ToString())) + 1;
        }

        var endedCount = iterations.Where(i => i.Key is not ("CREATED" or "RUNNING")).Sum(i => Number(i.Value));
        outputs[Iterations] = iterations;
        if (outputs.GetValueOrDefault(NumberOfBatches) is not int batches)
        {
            ctx.Update(run with { Outputs = outputs });
            return;
        }

        iterations["RUNNING"] = Math.Max(0, batches - endedCount);
        if (endedCount < batches)
        {
            ctx.Update(run with { Outputs = outputs });
            return;
        }

        var final = task.Parent.TransmitFailed ? FinalState.Adjust(task, Worst(iterations)) : StateType.SUCCESS;
        SubflowResults.End(ctx, run, final, outputs);
    }

    private static StateType Worst(Dictionary<string, object?> iterations) =>
        Number(iterations.GetValueOrDefault("FAILED")) > 0 ? StateType.FAILED
        : Number(iterations.GetValueOrDefault("KILLED")) > 0 ? StateType.KILLED
        : Number(iterations.GetValueOrDefault("WARNING")) > 0 ? StateType.WARNING
        : StateType.SUCCESS;

    private static int Number(object? value) => value is null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
