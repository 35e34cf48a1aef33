namespace Merlin.Storage.Postgres;

/// <summary>One queued write: runs inside the writer's transaction, then learns whether the commit succeeded.</summary>
internal abstract class PostgresWriteItem
{
    public abstract bool IsCancelled { get; }

    /// <summary>Runs the statements; may run again (alone) if its batch had to be rolled back.</summary>
    public abstract Task ExecuteAsync(PostgresWriteContext context);

    public abstract void Committed();

    public abstract void Failed(Exception exception);

    public abstract void Cancelled();
}
