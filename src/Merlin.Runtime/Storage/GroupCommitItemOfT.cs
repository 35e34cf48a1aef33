namespace Merlin.Runtime.Storage;

/// <summary>A queued write with a result, handed to the caller once the transaction is committed.</summary>
internal sealed class GroupCommitItem<TContext, T>(Func<TContext, ValueTask<T>> work, CancellationToken cancellationToken) : GroupCommitItem<TContext>
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override async ValueTask ExecuteAsync(TContext context) => result = await work(context);

    // The value was set by ExecuteAsync in the transaction that just committed.
    internal override void Committed() => completion.TrySetResult(result!);

    internal override void Failed(Exception exception) => completion.TrySetException(exception);

    internal override void Cancelled() => completion.TrySetCanceled(cancellationToken);
}
