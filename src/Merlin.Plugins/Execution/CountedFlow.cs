using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Execution;

/// <summary>One flow whose executions the Count task counts.</summary>
public sealed class CountedFlow
{
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
}
