using Merlin.Core.Executions;

namespace Merlin.Core.Storage;

/// <summary>
/// Executions stored whole (one document each) with indexed columns for search. Saves may be grouped into
/// one transaction under load; the returned task completes once the write is durable.
/// </summary>
public interface IExecutionRepository
{
    /// <summary>Inserts or replaces the execution; completes when committed.</summary>
    Task SaveAsync(Execution execution, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the progress of a running execution (the executor's checkpoint): losing it in a crash of the database only
    /// makes recovery start from an earlier state, so a backend may commit it without waiting for the disk.
    /// </summary>
    Task CheckpointAsync(Execution execution, CancellationToken cancellationToken) => SaveAsync(execution, cancellationToken);

    Task<Execution?> GetAsync(string id, CancellationToken cancellationToken);

    Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken);

    /// <summary>Executions not in a terminated state (to resume after a restart).</summary>
    Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Number of executions of a flow in one of the states (for concurrency limits).</summary>
    Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Remembers which execution an idempotency key created; returns the existing execution id if the key was already used.</summary>
    Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken);
}
