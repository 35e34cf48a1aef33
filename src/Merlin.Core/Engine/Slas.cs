using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Flow SLAs, checked on every change of a running execution (Kestra checks assertions on each change and max
/// durations by a deadline monitor; here a wake-up at the deadline). As in Kestra only the first violation counts:
/// FAIL or CANCEL ends the execution (its last unfinished task run takes that state, running work is killed),
/// NONE changes nothing; the SLA's labels are added unless the execution already has them all.
/// </summary>
internal static class Slas
{
    public static void Check(AdvanceContext ctx, ExecutionEvent @event, TemplateEngine templates)
    {
        if (ctx.Flow.Sla.Count == 0 || ctx.Execution.State.IsTerminated || ctx.Execution.LoopRun is not null)
        {
            return;
        }

        if (@event is ExecutionEvent.Tick or ExecutionEvent.Admitted or ExecutionEvent.Recover)
        {
            foreach (var deadline in ctx.Flow.Sla.Where(s => s.Type == SlaDefinition.MaxDuration && s.Duration is not null)
                         .Select(s => ctx.Execution.State.StartDate + IsoDuration.Parse(s.Duration)).Where(d => d > ctx.Now))
            {
                ctx.Actions.Add(new ExecutionAction.WakeAt(deadline));
            }
        }

        foreach (var sla in ctx.Flow.Sla)
        {
            if (Violation(ctx, sla, templates) is { } reason)
            {
                Apply(ctx, sla, reason);
                return;
            }
        }
    }

    private static string? Violation(AdvanceContext ctx, SlaDefinition sla, TemplateEngine templates)
    {
        try
        {
            switch (sla.Type)
            {
                case SlaDefinition.MaxDuration when sla.Duration is not null:
                    var max = IsoDuration.Parse(sla.Duration);
                    var duration = ctx.Now - ctx.Execution.State.StartDate;
                    return duration > max ? $"execution duration of {IsoDuration.Format(duration)} exceed the maximum duration of {IsoDuration.Format(max)}." : null;
                case SlaDefinition.ExecutionAssertion when sla.Assert is not null:
                    var rendered = templates.Render(sla.Assert, ctx.Template(ctx.Variables()));
                    return Truthiness.IsTruthy(rendered) ? null : $"assertion is false: {sla.Assert}.";
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is TemplateException or FormatException)
        {
            ctx.Actions.Add(new ExecutionAction.Log(null, "sla", LogLevel.ERROR, $"Ignoring SLA '{sla.Id}' because of the error: {e.Message}"));
            return null;
        }
    }

    private static void Apply(AdvanceContext ctx, SlaDefinition sla, string reason)
    {
        var labels = Dispatcher.LabelValues(sla.Labels, sla.Id);
        var newLabels = labels.Count > 0 && !labels.All(l => ctx.Execution.Labels.Contains(l));
        StateType? end = sla.Behavior switch
        {
            "FAIL" => StateType.FAILED,
            "CANCEL" => StateType.CANCELLED,
            _ => null,
        };
        if (end is null && !newLabels)
        {
            return;
        }

        ctx.Actions.Add(new ExecutionAction.Log(null, "sla", LogLevel.WARN, $"SLA '{sla.Id}' violated: {reason}"));
        if (newLabels)
        {
            ctx.Execution = ctx.Execution with { Labels = ctx.Execution.Labels.AddRange(labels) };
        }

        if (end is { } state)
        {
            if (state == StateType.FAILED)
            {
                ctx.Actions.Add(new ExecutionAction.Log(null, "sla", LogLevel.ERROR, $"Execution failed due to SLA '{sla.Id}' violated: {reason}"));
            }

            End(ctx, state);
        }
    }

    /// <summary>Kestra's <c>markAs</c>: the last unfinished task run takes the state; the other unfinished ones are killed.</summary>
    private static void End(AdvanceContext ctx, StateType state)
    {
        var unfinished = ctx.Execution.TaskRunList.Where(r => !r.State.IsTerminated).ToList();
        foreach (var run in unfinished)
        {
            switch (ctx.Tree.Task(run.TaskId))
            {
                case RunnableTask when run.State.Current == StateType.RUNNING:
                    ctx.Actions.Add(new ExecutionAction.KillTask(run.Id));
                    break;
                case Tasks.Subflow when run.Outputs?.GetValueOrDefault("executionId") is string child:
                    ctx.Actions.Add(new ExecutionAction.KillChild(child));
                    break;
            }

            ctx.Update(run.WithState(ReferenceEquals(run, unfinished[^1]) ? state : StateType.KILLED, ctx.Now));
        }

        ctx.Execution = ctx.Execution.WithState(state, ctx.Now);
    }
}
