using Merlin.Core.Conditions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Kestra's deprecated flow listeners: once the flow's tasks have ended, the tasks of every listener whose conditions
/// hold for the ended execution run one after another, a failure not stopping the next, and none of them changing
/// the execution's end state. Unlike Kestra, which shows the execution ended while they run, Merlin ends it after
/// them, so that whoever waits for the end sees their task runs.
/// </summary>
internal static class Listeners
{
    public static void Finish(AdvanceContext ctx, StateType final, TemplateEngine templates)
    {
        if (ctx.Flow.Listeners.Count == 0 || final == StateType.PAUSED)
        {
            End.Finish(ctx, final, templates);
            return;
        }

        var tasks = ValidTasks(ctx, final, templates);
        var runs = ctx.ChildrenOf(null).Where(r => ctx.Tree.IsListenerTask(r.TaskId)).ToList();
        if (runs.Any(r => !r.State.IsTerminated))
        {
            return;
        }

        var next = runs.Count == 0 ? 0 : runs.Select(r => tasks.FindIndex(t => t.Id == r.TaskId)).Max() + 1;
        if (next < tasks.Count)
        {
            ctx.Create(tasks[next], null, null);
            return;
        }

        End.Finish(ctx, final, templates);
    }

    private static List<TaskDefinition> ValidTasks(AdvanceContext ctx, StateType final, TemplateEngine templates)
    {
        var ended = ctx.Execution.WithState(final, ctx.Now);
        var context = new ConditionContext(ctx.Flow, RunVariables.For(ctx.Flow, ended, envs: ctx.Input.Environment.Envs), ended, ctx);
        var evaluator = new ConditionEvaluator(templates);
        return ctx.Flow.Listeners.Where(l => Holds(evaluator, l, context)).SelectMany(l => l.Tasks).Where(t => !t.Disabled).ToList();
    }

    private static bool Holds(ConditionEvaluator evaluator, Listener listener, ConditionContext context)
    {
        try
        {
            return evaluator.All(listener.Conditions, context);
        }
        catch (Exception e) when (e is NotSupportedException or TemplateException or FormatException)
        {
            return false;
        }
    }
}
