namespace Merlin.Storage.Sqlite;

/// <summary>A queued write with a result, handed to the caller once the transaction is committed.</summary>
internal sealed class SqliteWriteItem<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken) : SqliteWriteItem
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override void Execute(SqliteWriteContext context) => result = work(context);

    // The value was set by Execute in the transaction that just committed.
    public override void Committed() => completion.TrySetResult(result!);

    public override void Failed(Exception exception) => completion.TrySetException(exception);

    public override void Cancelled() => completion.TrySetCanceled(cancellationToken);
}
