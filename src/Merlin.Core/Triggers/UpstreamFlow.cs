using Merlin.Core.Executions;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>One upstream flow of a Flow trigger's preconditions.</summary>
public sealed class UpstreamFlow
{
    [Required] public string Namespace { get; init; } = "";
    public string? FlowId { get; init; }
    public List<StateType>? States { get; init; }
    public Dictionary<string, object?>? Labels { get; init; }
}
