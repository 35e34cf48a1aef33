namespace Merlin.Runtime.Executor;

/// <summary>
/// Delivers a callback at a date (retries, pause delays) with one timer per request; dates in the past fire at once.
/// Lost on a crash: recovery re-asks for every pending date.
/// </summary>
public sealed class WakeupTimer(TimeProvider clock) : IDisposable
{
    private readonly HashSet<ITimer> _timers = [];

    public void At(DateTimeOffset date, Action callback)
    {
        var delay = date - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            ThreadPool.QueueUserWorkItem(_ => callback());
            return;
        }

        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            lock (_timers)
            {
                _timers.Remove(timer!);
            }

            timer!.Dispose();
            callback();
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_timers)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }
}
