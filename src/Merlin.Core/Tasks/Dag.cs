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

        if (Cycle() is { Count: > 0 } cycle)
        {
            yield return "Cyclic dependency detected: " + string.Join(", ", cycle);
        }
    }

    /// <summary>The ids of the tasks on a dependency cycle, in declaration order; empty when there is none.</summary>
    private List<string> Cycle()
    {
        // Kahn's algorithm: what cannot be ordered lies on a cycle or depends on one; keep those on a cycle.
        var dependsOn = Tasks.GroupBy(t => t.Task.Id).ToDictionary(g => g.Key, g => g.SelectMany(t => t.DependsOn ?? []).Distinct().ToList());
        var remaining = new HashSet<string>(dependsOn.Keys);
        bool progress;
        do
        {
            var ready = remaining.Where(id => dependsOn[id].All(d => !remaining.Contains(d))).ToList();
            remaining.ExceptWith(ready);
            progress = ready.Count > 0;
        }
        while (progress);

        return Tasks.Select(t => t.Task.Id).Distinct().Where(id => remaining.Contains(id) && Reaches(id, id, dependsOn, remaining)).ToList();
    }

    private static bool Reaches(string from, string target, Dictionary<string, List<string>> dependsOn, HashSet<string> within)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(dependsOn[from].Where(within.Contains));
        while (stack.TryPop(out var id))
        {
            if (id == target)
            {
                return true;
            }

            if (seen.Add(id))
            {
                foreach (var next in dependsOn[id].Where(within.Contains))
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }
}
