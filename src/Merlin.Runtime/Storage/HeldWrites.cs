using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Fire-and-forget writes of entries (log lines, metrics) that must survive a store fault: each write is retried while the
/// store refuses writes (disk full), so none is lost, within a memory bound: beyond <paramref name="maxHeld"/> entries
/// waiting, new ones are dropped, and said so in the process log.
/// </summary>
public sealed class HeldWrites(int maxHeld, ILogger logger)
{
    private long _held;

    /// <summary>Stores <paramref name="count"/> entries with <paramref name="write"/>; completes once stored or given up (never throws).</summary>
    public async Task RunAsync(int count, Func<Task> write, string what, string executionId)
    {
        ArgumentNullException.ThrowIfNull(write);
        var held = false;
        try
        {
            await StoreRetry.RunAsync(
                async () =>
                {
                    await write();
                    return true;
                },
                fault =>
                {
                    if (!held)
                    {
                        held = true;
                        if (Interlocked.Add(ref _held, count) > maxHeld)
                        {
                            throw fault;
                        }
                    }
                },
                CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to store {What} of {ExecutionId}", what, executionId);
        }
        finally
        {
            if (held)
            {
                Interlocked.Add(ref _held, -count);
            }
        }
    }
}
