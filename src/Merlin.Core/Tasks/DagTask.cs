using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>A Dag node: a task and the ids of the tasks it waits for.</summary>
public sealed class DagTask
{
    [Required] public TaskDefinition Task { get; init; } = null!;
    public List<string>? DependsOn { get; init; }
}
