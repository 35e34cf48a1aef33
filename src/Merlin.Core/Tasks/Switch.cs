using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.Switch", "io.kestra.core.tasks.flows.Switch")]
public sealed class Switch : FlowableTask, IValidatableTask
{
    [Required] public string Value { get; init; } = "";
    public Dictionary<string, List<TaskDefinition>>? Cases { get; init; }
    public List<TaskDefinition>? Defaults { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() =>
        (Cases?.Values.SelectMany(c => c) ?? []).Concat(Defaults ?? []);

    public IEnumerable<string> Validate()
    {
        if ((Cases is null || Cases.Count == 0) && (Defaults is null || Defaults.Count == 0))
        {
            yield return "No task defined, neither cases or default have any tasks";
        }
    }
}
