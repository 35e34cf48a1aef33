using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Starts an execution of another flow; run by the executor, ended by the child's result.</summary>
[Plugin("io.kestra.plugin.core.flow.Subflow", "io.kestra.core.tasks.flows.Subflow", "io.kestra.core.tasks.flows.Flow")]
public sealed class Subflow : TaskDefinition
{
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
    public int? Revision { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }
    public object? Labels { get; init; }
    public bool Wait { get; init; } = true;
    public bool TransmitFailed { get; init; } = true;
    public bool InheritLabels { get; init; }
    public string? ScheduleDate { get; init; }
    public Dictionary<string, object?>? Outputs { get; init; }
}
