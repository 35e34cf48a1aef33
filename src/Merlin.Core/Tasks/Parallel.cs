using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.Parallel", "io.kestra.core.tasks.flows.Parallel")]
public sealed class Parallel : FlowableTask
{
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    /// <summary>How many children run at once; 0 means all.</summary>
    public int Concurrent { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
