namespace Merlin.Core.Storage;

/// <summary>
/// Remembers, durably, that start-up began replaying an unfinished execution, so that an execution whose replay
/// takes the process down is recognised on the next start instead of being replayed forever.
/// </summary>
public interface IRecoveryJournal
{
    /// <summary>Adds one replay attempt to each execution and returns every execution's count; completes once committed.</summary>
    Task<IReadOnlyDictionary<string, int>> RecordAttemptsAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken);

    /// <summary>The replay of this execution completed (or the execution ended): forget its attempts.</summary>
    Task ClearAsync(string executionId, CancellationToken cancellationToken);

    /// <summary>The process is stopping normally: no replay in progress took it down.</summary>
    Task ClearAllAsync(CancellationToken cancellationToken);
}
