namespace Merlin.Core.Storage;

/// <summary>
/// Every revision of every flow. Revisions are append-only; the latest non-deleted revision is the live flow.
/// Implementations must make <see cref="AppendAsync"/> atomic with respect to the revision number.
/// </summary>
public interface IFlowRepository
{
    /// <summary>The latest revision (deleted or not), or null if the flow never existed.</summary>
    Task<FlowRecord?> GetLatestAsync(string @namespace, string id, CancellationToken cancellationToken);

    Task<FlowRecord?> GetRevisionAsync(string @namespace, string id, int revision, CancellationToken cancellationToken);

    Task<IReadOnlyList<FlowRecord>> GetRevisionsAsync(string @namespace, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="record"/> as a new revision; returns false (and writes nothing) when another
    /// revision with that number already exists, so concurrent writers cannot both win.
    /// </summary>
    Task<bool> AppendAsync(FlowRecord record, CancellationToken cancellationToken);

    /// <summary>The latest revision of every flow that is not deleted, optionally in one namespace (exact match).</summary>
    Task<IReadOnlyList<FlowRecord>> ListLiveAsync(string? @namespace, CancellationToken cancellationToken);
}
