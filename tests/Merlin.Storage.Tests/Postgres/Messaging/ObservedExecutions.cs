using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>The executions of one test process: reads are reported (<see cref="Done"/>), everything is the real store.</summary>
internal sealed class ObservedExecutions(IExecutionRepository store) : IExecutionRepository
{
    private readonly Channel<string> done = Channel.CreateUnbounded<string>();

    /// <summary>The id of each execution read, once the read is over.</summary>
    public ChannelReader<string> Done => done.Reader;

    public async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(id, cancellationToken);
        }
        finally
        {
            done.Writer.TryWrite(id);
        }
    }

    public Task SaveAsync(Execution execution, CancellationToken cancellationToken) => store.SaveAsync(execution, cancellationToken);

    public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken) => store.SearchAsync(query, cancellationToken);

    public Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken) => store.ListUnfinishedAsync(cancellationToken);

    public Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken) =>
        store.CountAsync(@namespace, flowId, states, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => store.DeleteAsync(id, cancellationToken);

    public Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken) =>
        store.ClaimIdempotencyKeyAsync(key, executionId, now, ttl, cancellationToken);
}
