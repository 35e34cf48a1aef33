namespace Merlin.Core.Storage;

/// <summary>Per-trigger scheduler state.</summary>
public interface ITriggerStateRepository
{
    Task<TriggerState?> GetAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken);

    Task SaveAsync(TriggerState state, CancellationToken cancellationToken);

    Task<IReadOnlyList<TriggerState>> ListAsync(string? @namespace, string? flowId, CancellationToken cancellationToken);

    Task DeleteAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken);
}
