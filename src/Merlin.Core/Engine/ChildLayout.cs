using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// How a container (the flow root or a flowable task run) lays out its children: groups that each run in
/// order, at most <see cref="Limit"/> groups at once (0 = all); or, for Parallel, one group whose tasks run at once;
/// or a Dag. Disabled tasks are already removed.
/// </summary>
internal sealed record ChildLayout(IReadOnlyList<ChildGroup> Groups, int Limit, bool ParallelTasks, IReadOnlyList<TaskDefinition> Errors, Dag? Dag = null)
{
    public static ChildLayout Sequential(IEnumerable<TaskDefinition> tasks, IEnumerable<TaskDefinition>? errors) =>
        new([new ChildGroup(Enabled(tasks), null)], 1, false, Enabled(errors ?? []));

    public static List<TaskDefinition> Enabled(IEnumerable<TaskDefinition> tasks) => tasks.Where(t => !t.Disabled).ToList();
}
