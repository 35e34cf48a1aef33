namespace Merlin.Storage.Postgres;

/// <summary>A queued write with a result, handed to the caller once the transaction is committed.</summary>
internal sealed class PostgresWriteItem<T>(Func<PostgresWriteContext, Task<T>> work, CancellationToken cancellationToken) : PostgresWriteItem
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override async Task ExecuteAsync(PostgresWriteContext context) => result = await work(context);

    // The value was set by ExecuteAsync in the transaction that just committed.
    public override void Committed() => completion.TrySetResult(result!);

    public override void Failed(Exception exception) => completion.TrySetException(exception);

    public override void Cancelled() => completion.TrySetCanceled(cancellationToken);
}
