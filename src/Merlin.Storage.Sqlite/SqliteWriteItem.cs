namespace Merlin.Storage.Sqlite;

/// <summary>One queued write: runs inside the writer's transaction, then learns whether the commit succeeded.</summary>
internal abstract class SqliteWriteItem
{
    public abstract bool IsCancelled { get; }

    /// <summary>Runs the statements; may run again (alone) if its batch had to be rolled back.</summary>
    public abstract void Execute(SqliteWriteContext context);

    public abstract void Committed();

    public abstract void Failed(Exception exception);

    public abstract void Cancelled();
}
