namespace Merlin.Core.Flows;

/// <summary>
/// A task that the executor resolves itself by creating child task runs (Sequential, Parallel, If...).
/// It never goes to a worker.
/// </summary>
public abstract class FlowableTask : TaskDefinition
{
    public List<TaskDefinition>? Errors { get; init; }

    /// <summary>Every child task definition, in any branch (used for id uniqueness and lookups).</summary>
    public abstract IEnumerable<TaskDefinition> AllChildren();
}
