using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;

namespace Merlin.Core.Conditions;

/// <summary>
/// Evaluates trigger conditions (Kestra's <c>ConditionService</c>). Conditions that need an upstream execution are
/// false without one; PublicHoliday is not supported yet and refuses. A MultipleCondition is evaluated by the Flow trigger
/// over its window (named conditions one by one), never here.
/// </summary>
public sealed class ConditionEvaluator(TemplateEngine templates)
{
    /// <summary>True when every condition passes (an empty list passes).</summary>
    public bool All(IEnumerable<ConditionDefinition>? conditions, ConditionContext context) =>
        conditions is null || conditions.All(c => Test(c, context));

    /// <summary>The conditions a Schedule checks against each date: the date-based ones and expressions; the others are ignored.</summary>
    public static bool IsScheduleCondition(ConditionDefinition condition) => condition is DateTimeBetweenCondition or DayWeekCondition
        or DayWeekInMonthCondition or WeekendCondition or TimeBetweenCondition or PublicHolidayCondition or ExpressionCondition
        or NotCondition or OrCondition or ExecutionOutputsCondition;

    public bool Test(ConditionDefinition condition, ConditionContext context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        var execution = context.Execution;
        return condition switch
        {
            ExecutionStatusCondition c => execution is not null
                && (c.In is null || c.In.Contains(execution.State.Current))
                && (c.NotIn is null || !c.NotIn.Contains(execution.State.Current)),
            ExecutionFlowCondition c => execution is not null && execution.Namespace == c.Namespace && execution.FlowId == c.FlowId,
            ExecutionNamespaceCondition c => execution is not null && Matches(execution.Namespace, c.Namespace, c.EffectiveComparison),
            ExecutionLabelsCondition c => execution is not null && c.Labels.All(l => execution.Labels.Any(e => e.Key == l.Key && e.Value == l.Value)),
            ExecutionOutputsCondition c => execution?.Outputs is { } outputs && IsTrue(c.Expression, WithOutputs(context.Variables, outputs), context),
            HasRetryAttemptCondition c => execution is not null && HasRetry(execution, c),
            ExpressionCondition c => IsTrue(c.Expression, context.Variables, context),
            FlowCondition c => context.Flow.Namespace == c.Namespace && context.Flow.Id == c.FlowId,
            FlowNamespaceCondition c => Matches(context.Flow.Namespace, c.Namespace, c.Prefix ? NamespaceComparison.PREFIX : NamespaceComparison.EQUALS),
            NotCondition c => !c.Conditions.Any(inner => Test(inner, context)),
            OrCondition c => c.Conditions.Any(inner => Test(inner, context)),
            DayWeekCondition c => DateConditions.DayWeek(Date(c.Date, context), c),
            DayWeekInMonthCondition c => DateConditions.DayWeekInMonth(Date(c.Date, context), c),
            WeekendCondition c => DateConditions.Weekend(Date(c.Date, context)),
            TimeBetweenCondition c => DateConditions.TimeBetween(Date(c.Date, context), c.After, c.Before),
            DateTimeBetweenCondition c => DateConditions.DateTimeBetween(Date(c.Date, context), c.After, c.Before),
            _ => throw new NotSupportedException($"condition type '{condition.Type}' is not supported yet"),
        };
    }

    private bool IsTrue(string expression, IReadOnlyDictionary<string, object?> variables, ConditionContext context) =>
        Truthiness.IsExpressionTrue(templates.Render(expression, new TemplateContext(variables, environment: context.Environment)));

    private DateTimeOffset Date(string template, ConditionContext context) =>
        DateConditions.ParseDate(templates.Render(template, new TemplateContext(context.Variables, environment: context.Environment)));

    private static Dictionary<string, object?> WithOutputs(IReadOnlyDictionary<string, object?> variables, IReadOnlyDictionary<string, object?> outputs) =>
        new(variables) { ["outputs"] = outputs };

    private static bool HasRetry(Execution execution, HasRetryAttemptCondition condition) =>
        execution.TaskRunList.Any(run => run.Attempts.Count > 1 && run.Attempts.Any(a =>
            (condition.In is null || condition.In.Contains(a.State.Current)) && (condition.NotIn is null || !condition.NotIn.Contains(a.State.Current))));

    // Kestra's conditions compare plain strings (PREFIX "company" matches "companyx"), unlike the segment rule of
    // searches (Flows/Namespaces), so they keep their own rule here.
    private static bool Matches(string value, string expected, NamespaceComparison comparison) => comparison switch
    {
        NamespaceComparison.PREFIX => value.StartsWith(expected, StringComparison.Ordinal),
        NamespaceComparison.SUFFIX => value.EndsWith(expected, StringComparison.Ordinal),
        _ => value == expected,
    };
}
