using System.Collections.Concurrent;

namespace Merlin.Runtime.Storage;

/// <summary>
/// The lazy writes of a <see cref="GroupCommitWriter{TContext}"/> (log lines nobody waits for): they wait aside, without
/// waking the writer, until the next commit takes them or, at the latest, until a timer armed by the first of them
/// wakes it. A task's log line thus rides with its execution's next save (one flush, one wake-up), and alone it is
/// committed within the window.
/// </summary>
internal sealed class GroupCommitLazyWrites<TContext> : IDisposable
{
    private readonly ConcurrentQueue<GroupCommitItem<TContext>> _waiting = new();
    private readonly TimeSpan _window;
    private readonly Timer _timer;
    private readonly Lock _arming = new();
    private bool _armed;

    /// <param name="window">How long the first waiting write waits for company.</param>
    /// <param name="wake">Wakes the writer (called on a timer thread).</param>
    public GroupCommitLazyWrites(TimeSpan window, Action wake)
    {
        _window = window;
        _timer = new Timer(static state => ((Action)state!)(), wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Add(GroupCommitItem<TContext> item)
    {
        _waiting.Enqueue(item);
        Arm(_window);
    }

    /// <summary>
    /// Moves waiting writes into <paramref name="batch"/> (up to <paramref name="max"/> in all). The timer is disarmed
    /// first, so a write added meanwhile either is taken here or arms it again; any left over (a full batch) re-arm it at once.
    /// </summary>
    public void TakeInto(List<GroupCommitItem<TContext>> batch, int max)
    {
        if (_waiting.IsEmpty)
        {
            return;
        }

        lock (_arming)
        {
            _armed = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        while (batch.Count < max && _waiting.TryDequeue(out var item))
        {
            if (item.IsCancelled)
            {
                item.Cancelled();
            }
            else
            {
                batch.Add(item);
            }
        }

        if (!_waiting.IsEmpty)
        {
            Arm(TimeSpan.Zero);
        }
    }

    /// <summary>After the writer stopped: fails what still waits (a write added during shutdown), so no caller waits forever.</summary>
    public void FailAll(Exception error)
    {
        while (_waiting.TryDequeue(out var item))
        {
            item.Failed(error);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Arm(TimeSpan due)
    {
        lock (_arming)
        {
            if (!_armed || due == TimeSpan.Zero)
            {
                _armed = true;
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
