using Merlin.Core.Storage;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Retries a write for as long as the store reports a <see cref="StorageFaultException"/> (disk full, read-only),
/// backing off up to <see cref="MaxDelay"/>, so that work accepted before a fault completes once the store takes
/// writes again, without a restart. Any other error is the write's own and is thrown at once.
/// </summary>
public static class StoreRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static TimeSpan Next(TimeSpan delay) => delay * 2 < MaxDelay ? delay * 2 : MaxDelay;

    public static async Task<T> RunAsync<T>(Func<Task<T>> write, Action<StorageFaultException> onFault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(onFault);
        for (var delay = FirstDelay; ; delay = Next(delay))
        {
            try
            {
                return await write();
            }
            catch (StorageFaultException fault) when (!cancellationToken.IsCancellationRequested)
            {
                onFault(fault);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
