namespace Merlin.Core.Storage;

/// <summary>
/// Durable windows of MultipleCondition and Flow trigger preconditions, one per flow and condition id, so that the
/// conditions met by earlier upstream executions survive a restart.
/// </summary>
public interface IMultipleConditionWindowStore
{
    Task<MultipleConditionWindow?> GetAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken);

    /// <summary>Stores the window, replacing the one of the same flow and condition id.</summary>
    Task SaveAsync(MultipleConditionWindow window, CancellationToken cancellationToken);

    Task DeleteAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken);

    /// <summary>Deletes the windows that ended before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
