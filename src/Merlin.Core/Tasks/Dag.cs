using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.Dag", "io.kestra.core.tasks.flows.Dag")]
public sealed class Dag : FlowableTask, IValidatableTask
{
    [Required] public List<DagTask> Tasks { get; init; } = [];
    public int Concurrent { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks.Select(t => t.Task);

    public IEnumerable<string> Validate()
    {
        var ids = Tasks.Select(t => t.Task.Id).ToHashSet();
        foreach (var missing in Tasks.SelectMany(t => t.DependsOn ?? []).Where(d => !ids.Contains(d)).Distinct())
        {
            yield return $"dependsOn names an unknown task '{missing}'";
        }
    }
}
