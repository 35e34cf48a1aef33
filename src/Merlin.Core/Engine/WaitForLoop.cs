using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// WaitFor's do-while: run the children (round n, their task runs carry <c>iteration = n</c>), then test the
/// condition; when it is not yet truthy, wait <c>checkFrequency.interval</c> and run a new round, until a limit.
/// The round number is the task run's <c>iterationCount</c> output; the due date of a round is derived from the
/// end of the previous one, so nothing else needs storing.
/// </summary>
internal static class WaitForLoop
{
    private const string RoundKey = "iterationCount";

    /// <summary>Round 1 is visible from the start, so the children can read <c>outputs.&lt;waitfor&gt;.iterationCount</c> as in Kestra.</summary>
    public static Dictionary<string, object?> StartOutputs() => new() { [RoundKey] = 1L };

    public static int Round(TaskRun run) => run.Outputs?.GetValueOrDefault(RoundKey) is long n ? (int)n : 1;

    public static ChildLayout Layout(WaitFor task, TaskRun run) =>
        new([new ChildGroup(ChildLayout.Enabled(task.Tasks), null, Round(run))], 1, false, ChildLayout.Enabled(task.Errors ?? []));

    /// <summary>True while the next round is not yet due.</summary>
    public static bool Waiting(AdvanceContext ctx, WaitFor task, TaskRun run)
    {
        var round = Round(run);
        if (round == 1 || ctx.ChildrenOf(run.Id).Any(r => r.Iteration == round))
        {
            return false;
        }

        var due = DueDate(ctx, task, run, round - 1);
        if (due <= ctx.Now)
        {
            return false;
        }

        // Asked again on every advance while waiting, so a wake-up lost in a crash is asked for once more.
        if (!ctx.Actions.OfType<ExecutionAction.WakeAt>().Any(w => w.Date == due))
        {
            ctx.Actions.Add(new ExecutionAction.WakeAt(due));
        }

        return true;
    }

    /// <summary>A round ended without failure: finish if the condition holds or a limit is reached, else plan the next round.</summary>
    public static void RoundEnded(AdvanceContext ctx, WaitFor task, TaskRun run, StateType state, TemplateEngine templates)
    {
        var round = Round(run);
        var context = ctx.Template(ctx.ClearVariables(task, run));
        var done = Truthiness.IsTruthy(templates.Render(task.Condition, context));
        var frequency = task.CheckFrequency;
        var limitReached = round >= frequency.MaxIterations || ctx.Now - run.State.StartDate >= IsoDuration.Parse(frequency.MaxDuration);
        if (done || limitReached)
        {
            var final = !done && task.FailOnMaxReached ? StateType.FAILED : state;
            var outputs = new Dictionary<string, object?> { [RoundKey] = (long)round };
            ctx.Update(run.WithState(FinalState.Adjust(task, final), ctx.Now) with { Outputs = outputs });
            return;
        }

        ctx.Update(run with { Outputs = new Dictionary<string, object?> { [RoundKey] = (long)(round + 1) } });
        ctx.Actions.Add(new ExecutionAction.WakeAt(DueDate(ctx, task, run, round)));
    }

    private static DateTimeOffset DueDate(AdvanceContext ctx, WaitFor task, TaskRun run, int endedRound)
    {
        var ended = ctx.ChildrenOf(run.Id).Where(r => r.Iteration == endedRound).Select(r => r.State.Histories[^1].Date).DefaultIfEmpty(ctx.Now).Max();
        return ended + IsoDuration.Parse(task.CheckFrequency.Interval);
    }
}
