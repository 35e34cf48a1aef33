using System.Text.RegularExpressions;
using Merlin.Core.Executions;
using Merlin.Core.Templating;
using Merlin.Core.Triggers;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// A Flow trigger's <c>preconditions</c> as Kestra names them for its window: <c>condition_1..n</c> for the upstream
/// flows, then <c>condition_{n+i}_{id}</c> for the <c>where</c> filters, each tested on one upstream execution.
/// </summary>
internal static class Preconditions
{
    public static Dictionary<string, Func<Execution, bool>> Named(FlowPreconditions preconditions, Func<string, string> render)
    {
        var named = new Dictionary<string, Func<Execution, bool>>();
        var number = 0;
        foreach (var flow in preconditions.Flows ?? [])
        {
            named[$"condition_{++number}"] = upstream => Matches(flow, upstream);
        }

        foreach (var filter in preconditions.Where ?? [])
        {
            named[$"condition_{++number}_{filter.Id}"] = upstream => Matches(filter, upstream, render);
        }

        return named;
    }

    private static bool Matches(UpstreamFlow flow, Execution upstream) =>
        flow.Namespace == upstream.Namespace
        && (flow.FlowId is null || flow.FlowId == upstream.FlowId)
        && (flow.States is null || flow.States.Contains(upstream.State.Current))
        && (flow.Labels is null || flow.Labels.All(l => upstream.Labels.Any(e => e.Key == l.Key && e.Value == l.Value?.ToString())));

    private static bool Matches(ExecutionFilter filter, Execution upstream, Func<string, string> render)
    {
        var results = filter.Filters.Select(rule => Matches(rule, upstream, render));
        return filter.Operand == FilterOperand.OR ? results.Any(r => r) : results.All(r => r);
    }

    private static bool Matches(ExecutionFilterRule rule, Execution upstream, Func<string, string> render)
    {
        var value = rule.Field switch
        {
            ExecutionFilterField.FLOW_ID => upstream.FlowId,
            ExecutionFilterField.NAMESPACE => upstream.Namespace,
            ExecutionFilterField.STATE => upstream.State.Current.ToString(),
            ExecutionFilterField.EXPRESSION => rule.Value is null ? null : render(rule.Value),
            _ => null,
        };

        return rule.Type switch
        {
            ExecutionFilterType.EQUAL_TO => value is not null && value == rule.Value,
            ExecutionFilterType.NOT_EQUAL_TO => value != rule.Value,
            ExecutionFilterType.IN => value is not null && rule.Values?.Contains(value) == true,
            ExecutionFilterType.NOT_IN => value is null || rule.Values?.Contains(value) != true,
            ExecutionFilterType.IS_TRUE => Truthiness.IsTruthy(value),
            ExecutionFilterType.IS_FALSE => !Truthiness.IsTruthy(value),
            ExecutionFilterType.IS_NULL => value is null,
            ExecutionFilterType.IS_NOT_NULL => value is not null,
            ExecutionFilterType.STARTS_WITH => value is not null && rule.Value is { } p && value.StartsWith(p, StringComparison.Ordinal),
            ExecutionFilterType.ENDS_WITH => value is not null && rule.Value is { } s && value.EndsWith(s, StringComparison.Ordinal),
            ExecutionFilterType.CONTAINS => value is not null && rule.Value is { } c && value.Contains(c, StringComparison.Ordinal),
            ExecutionFilterType.REGEX => value is not null && rule.Value is { } r && Regex.IsMatch(value, "^(?:" + r + ")$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            _ => false,
        };
    }
}
