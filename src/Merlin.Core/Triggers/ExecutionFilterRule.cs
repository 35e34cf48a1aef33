using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>One filter of <c>preconditions.where[].filters</c>: a field compared with a value or values.</summary>
public sealed class ExecutionFilterRule
{
    [Required] public ExecutionFilterField Field { get; init; }
    [Required] public ExecutionFilterType Type { get; init; }
    public string? Value { get; init; }
    public List<string>? Values { get; init; }
}
