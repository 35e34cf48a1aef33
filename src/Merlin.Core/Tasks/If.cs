using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.If", "io.kestra.core.tasks.flows.If")]
public sealed class If : FlowableTask
{
    [Required] public string Condition { get; init; } = "";
    [Required] public List<TaskDefinition> Then { get; init; } = [];
    public List<TaskDefinition>? Else { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Then.Concat(Else ?? []);
}
