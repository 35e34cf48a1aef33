namespace Merlin.Runtime.Messaging;

/// <summary>The executor's side of <see cref="IExecutionOwnership"/>.</summary>
public interface IExecutionOwner
{
    /// <summary>
    /// These partitions are now this executor's: it replays their unfinished executions from their last commit before
    /// their queued messages are delivered.
    /// </summary>
    Task AcquiredAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// These partitions are no longer this executor's (its lease lapsed, or it handed them over): it must not save or act
    /// for their executions any more, and forgets what it holds of them.
    /// </summary>
    void Lost(IReadOnlyCollection<int> partitions);

    /// <summary>
    /// Hands partitions over on purpose (a graceful stop, another executor's share): stops taking their messages, lets
    /// the ones being applied finish, saves what is pending for their executions, then forgets them as <see cref="Lost"/>.
    /// </summary>
    Task ReleaseAsync(IReadOnlyCollection<int> partitions);
}
