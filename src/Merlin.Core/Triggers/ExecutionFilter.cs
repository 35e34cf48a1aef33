using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>A named group of filters on upstream executions (<c>preconditions.where</c>).</summary>
public sealed class ExecutionFilter
{
    [Required] public string Id { get; init; } = "";
    public FilterOperand Operand { get; init; } = FilterOperand.AND;
    [Required] public List<ExecutionFilterRule> Filters { get; init; } = [];
}
