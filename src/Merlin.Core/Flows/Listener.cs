using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>
/// Kestra's deprecated flow listener: once the execution has ended, its <c>tasks</c> run when its <c>conditions</c>
/// hold for the ended execution (every listener's tasks, one after another).
/// </summary>
public sealed class Listener
{
    public string? Description { get; init; }
    public List<ConditionDefinition>? Conditions { get; init; }
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];
}
