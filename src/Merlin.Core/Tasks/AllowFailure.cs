using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.AllowFailure", "io.kestra.core.tasks.flows.AllowFailure")]
public sealed class AllowFailure : FlowableTask
{
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
