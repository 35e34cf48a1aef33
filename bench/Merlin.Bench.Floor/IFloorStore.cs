namespace Merlin.Bench.Floor;

/// <summary>Where the floor keeps its executions: one row each, committed (group commit) before the answer.</summary>
public interface IFloorStore : IAsyncDisposable
{
    /// <summary>Completes once the row is committed.</summary>
    Task InsertAsync(string id, string @namespace, string flowId, string json);

    Task<long> CountAsync(string @namespace);
}
