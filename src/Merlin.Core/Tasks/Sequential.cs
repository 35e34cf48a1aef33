using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.Sequential", "io.kestra.core.tasks.flows.Sequential")]
public sealed class Sequential : FlowableTask
{
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
