using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Splits a file into batches and starts one subflow execution per batch.</summary>
[Plugin("io.kestra.plugin.core.flow.ForEachItem", "io.kestra.core.tasks.flows.ForEachItem")]
public sealed class ForEachItem : TaskDefinition
{
    [Required] public string Items { get; init; } = "";
    public Dictionary<string, object?>? Batch { get; init; }
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
    public int? Revision { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }
    public object? Labels { get; init; }
    public bool Wait { get; init; } = true;
    public bool TransmitFailed { get; init; } = true;
    public bool InheritLabels { get; init; }
    public string? ScheduleDate { get; init; }
    public List<TaskDefinition>? Errors { get; init; }
}
