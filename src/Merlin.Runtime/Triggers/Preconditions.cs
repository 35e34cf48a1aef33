using System.Text.RegularExpressions;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Triggers;

namespace Merlin.Runtime.Triggers;

/// <summary>
/// A Flow trigger's <c>preconditions</c> for one upstream execution. Merlin supports at most one upstream flow
/// (no time window is needed then); several upstream flows need a window store and are refused for now.
/// </summary>
internal static class Preconditions
{
    public static bool Match(FlowPreconditions preconditions, Execution upstream, Flow? upstreamFlow)
    {
        if (preconditions.Flows is { Count: > 1 })
        {
            return false;
        }

        var flowOk = preconditions.Flows is not { Count: 1 } || Matches(preconditions.Flows[0], upstream);
        return flowOk && (preconditions.Where ?? []).All(filter => Matches(filter, upstream));
    }

    private static bool Matches(UpstreamFlow flow, Execution upstream) =>
        flow.Namespace == upstream.Namespace
        && (flow.FlowId is null || flow.FlowId == upstream.FlowId)
        && (flow.States is null || flow.States.Contains(upstream.State.Current))
        && (flow.Labels is null || flow.Labels.All(l => upstream.Labels.Any(e => e.Key == l.Key && e.Value == l.Value?.ToString())));

    private static bool Matches(ExecutionFilter filter, Execution upstream)
    {
        var results = filter.Filters.Select(rule => Matches(rule, upstream));
        return filter.Operand == FilterOperand.OR ? results.Any(r => r) : results.All(r => r);
    }

    private static bool Matches(ExecutionFilterRule rule, Execution upstream)
    {
        var value = rule.Field switch
        {
            ExecutionFilterField.FLOW_ID => upstream.FlowId,
            ExecutionFilterField.NAMESPACE => upstream.Namespace,
            ExecutionFilterField.STATE => upstream.State.Current.ToString(),
            _ => null, // EXPRESSION filters need rendering; unsupported values never match
        };
        if (value is null)
        {
            return false;
        }

        return rule.Type switch
        {
            ExecutionFilterType.EQUAL_TO => value == rule.Value,
            ExecutionFilterType.NOT_EQUAL_TO => value != rule.Value,
            ExecutionFilterType.IN => rule.Values?.Contains(value) == true,
            ExecutionFilterType.NOT_IN => rule.Values?.Contains(value) != true,
            ExecutionFilterType.STARTS_WITH => rule.Value is { } p && value.StartsWith(p, StringComparison.Ordinal),
            ExecutionFilterType.ENDS_WITH => rule.Value is { } s && value.EndsWith(s, StringComparison.Ordinal),
            ExecutionFilterType.CONTAINS => rule.Value is { } c && value.Contains(c, StringComparison.Ordinal),
            ExecutionFilterType.REGEX => rule.Value is { } r && Regex.IsMatch(value, r, RegexOptions.None, TimeSpan.FromSeconds(1)),
            ExecutionFilterType.IS_NOT_NULL => true,
            _ => false,
        };
    }
}
