namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>One executor in the process: it owns every partition from the start.</summary>
public sealed class InProcessExecutionOwnership(IExecutionQueue queue) : IExecutionOwnership
{
    public Task RunAsync(IExecutionOwner owner, CancellationToken cancellationToken) =>
        owner.AcquiredAsync(Enumerable.Range(0, queue.Partitions).ToList(), cancellationToken);
}
