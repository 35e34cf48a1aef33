using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Testing;

/// <summary>A store of executions that forwards every call to a real one: tests override what they observe.</summary>
public abstract class ForwardingExecutionRepository(IExecutionRepository store) : IExecutionRepository
{
    public virtual Task SaveAsync(Execution execution, CancellationToken cancellationToken) => store.SaveAsync(execution, cancellationToken);

    public virtual Task CheckpointAsync(Execution execution, CancellationToken cancellationToken) => store.CheckpointAsync(execution, cancellationToken);

    public virtual Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken) => store.SearchAsync(query, cancellationToken);

    public Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken) => store.ListUnfinishedAsync(cancellationToken);

    public Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken) =>
        store.CountAsync(@namespace, flowId, states, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => store.DeleteAsync(id, cancellationToken);

    public Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken) =>
        store.ClaimIdempotencyKeyAsync(key, executionId, now, ttl, cancellationToken);
}
