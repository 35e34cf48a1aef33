namespace Merlin.Runtime.Storage;

/// <summary>One queued write of a <see cref="GroupCommitWriter{TContext}"/>: runs inside the writer's transaction, then learns whether the commit succeeded.</summary>
public abstract class GroupCommitItem<TContext>
{
    internal GroupCommitItem()
    {
    }

    public abstract bool IsCancelled { get; }

    /// <summary>
    /// A write whose loss in a crash of the database only repeats work (a job claim, a worker's result, an executor
    /// checkpoint): a backend may commit a batch of such writes only without waiting for its flush to disk.
    /// </summary>
    public bool Relaxed { get; init; }

    /// <summary>Runs the statements; may run again (alone) if its batch had to be rolled back.</summary>
    public abstract ValueTask ExecuteAsync(TContext context);

    internal abstract void Committed();

    internal abstract void Failed(Exception exception);

    internal abstract void Cancelled();
}
