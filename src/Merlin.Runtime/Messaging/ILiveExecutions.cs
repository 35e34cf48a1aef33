using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging;

/// <summary>
/// The latest states of running executions as the executor holds them, possibly ahead of the store (progress is
/// checkpointed write-behind). In one process the executor shares them with readers; a backend across processes may
/// hold none, and readers fall back to the store.
/// </summary>
public interface ILiveExecutions
{
    bool TryGet(string executionId, out Execution execution);

    void Set(Execution execution);

    void Remove(string executionId);

    /// <summary>Forgets the executions an executor no longer owns.</summary>
    void RemoveWhere(Func<string, bool> executionId);
}
