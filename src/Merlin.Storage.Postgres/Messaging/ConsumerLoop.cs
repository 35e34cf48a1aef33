using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// A queue consumer's loop: runs its step when woken (a notification, a send in this process) or every poll interval
/// (a lost notification costs at most that), and again at once while a step took a full batch. A failing step is
/// logged and retried on the next turn; the loop never ends on its own.
/// </summary>
internal sealed class ConsumerLoop(string what, TimeSpan pollInterval, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _running;
    private int _disposed;

    /// <summary>Asks for a turn now (at most one is pending: wake-ups in between fold into it).</summary>
    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopped: no turn to ask for (a late wake-up, such as a notification's, may come after).
        }
    }

    /// <summary>Starts the loop once; <paramref name="step"/> returns true when it found a full batch (more may wait).</summary>
    public void Start(Func<CancellationToken, Task<bool>> step)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _running ??= Task.Run(() => RunAsync(step, _stopping.Token));
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task<bool>> step, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await step(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not {What}, retried: {Error}", what, e.Message);
            }

            if (!full)
            {
                try
                {
                    await _wake.WaitAsync(pollInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? running;
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return; // a queue registered under its own type and its contract is disposed twice
            }

            _disposed = 1;
            running = _running;
        }

        await _stopping.CancelAsync();
        if (running is not null)
        {
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
        _wake.Dispose();
    }
}
