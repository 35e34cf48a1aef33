namespace Merlin.Runtime.Messaging;

/// <summary>
/// Which partitions of <see cref="IExecutionQueue"/> this executor owns. In one process it owns them all from the start;
/// across processes each partition is leased by one executor at a time, renewed, and taken over by another when its
/// owner stops renewing, so no two executors ever advance the same execution.
/// </summary>
public interface IExecutionOwnership
{
    /// <summary>Runs until <paramref name="cancellationToken"/> stops it, telling <paramref name="owner"/> what it gains and loses.</summary>
    Task RunAsync(IExecutionOwner owner, CancellationToken cancellationToken);
}
