using Merlin.Core.Conditions;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>Checks a Schedule's conditions for a date and starts its execution (Kestra's <c>Schedule.evaluate</c>).</summary>
public sealed class ScheduleFirer(ITriggerLauncher launcher, ConditionEvaluator conditions, TemplateEngine templates, ILogger<ScheduleFirer> logger)
{
    internal bool ConditionsPass(ScheduleEntry entry, DateTimeOffset date)
    {
        var checks = (entry.Trigger.Conditions ?? []).Concat(entry.Trigger.ScheduleConditions ?? []).Where(ConditionEvaluator.IsScheduleCondition).ToList();
        if (checks.Count == 0)
        {
            return true;
        }

        var context = new ConditionContext(entry.Flow, TriggerRendering.Variables(entry.Flow, entry.Dates.Variables(date)));
        try
        {
            return conditions.All(checks, context);
        }
        catch (Exception e) when (e is TemplateException or FormatException or NotSupportedException)
        {
            logger.LogWarning("Schedule {FlowId}.{TriggerId}: conditions failed for {Date}: {Error}", entry.Flow.Id, entry.Trigger.Id, date, e.Message);
            return false;
        }
    }

    /// <summary>Starts the execution of <paramref name="date"/> under <paramref name="id"/>; on refusal, the state is released.</summary>
    internal async Task<TriggerState> LaunchAsync(ScheduleEntry entry, TriggerState state, DateTimeOffset date, string id, CancellationToken cancellationToken)
    {
        var trigger = entry.Trigger;
        var variables = entry.Dates.Variables(date);
        try
        {
            var context = TriggerRendering.Variables(entry.Flow, variables);
            await launcher.StartAsync(new ExecutionRequest
            {
                Id = id,
                Namespace = entry.Flow.Namespace,
                FlowId = entry.Flow.Id,
                Revision = entry.Flow.Revision,
                Inputs = TriggerRendering.Inputs(trigger.Inputs, templates, context),
                Labels = TriggerRendering.Labels(trigger.Labels, templates, context),
                Trigger = new Core.Executions.ExecutionTrigger(trigger.Id, trigger.Type, variables),
                Variables = new Dictionary<string, object?> { ["schedule"] = variables },
                ScheduleDate = date,
                CorrelationId = false,
            }, cancellationToken);
            return state;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Schedule {Namespace}.{FlowId}.{TriggerId}: no execution for {Date}: {Error}", entry.Flow.Namespace, entry.Flow.Id, trigger.Id, date, e.Message);
            return state with { ExecutionId = null };
        }
    }
}
