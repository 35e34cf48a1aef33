using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>A Flow trigger's <c>preconditions</c>: upstream flows and execution filters to be met within a time window.</summary>
public sealed class FlowPreconditions
{
    [Required] public string Id { get; init; } = "";
    public TimeWindow TimeWindow { get; init; } = new();
    public bool ResetOnSuccess { get; init; } = true;
    public List<UpstreamFlow>? Flows { get; init; }
    public List<ExecutionFilter>? Where { get; init; }
}
