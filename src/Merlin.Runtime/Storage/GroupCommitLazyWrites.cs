using System.Collections.Concurrent;
using System.Diagnostics;

namespace Merlin.Runtime.Storage;

/// <summary>
/// The lazy writes of a <see cref="GroupCommitWriter{TContext}"/> (log lines nobody waits for): they wait aside, without
/// waking the writer, until the next commit takes them or, at the latest, until <see cref="DueAt"/> (the first of them
/// plus the window). A task's log line thus rides with its execution's next save (one flush, one wake-up), and alone it
/// is committed within the window. A writer on its own thread watches <see cref="DueAt"/> itself; a writer on the thread
/// pool has a timer armed by the first waiting write (<see cref="Add"/> with <c>armTimer</c>).
/// </summary>
internal sealed class GroupCommitLazyWrites<TContext> : IDisposable
{
    private readonly ConcurrentQueue<GroupCommitItem<TContext>> _waiting = new();
    private readonly long _windowTicks;
    private readonly TimeSpan _window;
    private readonly Timer _timer;
    private readonly Lock _arming = new();
    private bool _armed;

    /// <summary>When the oldest waiting write arrived (timestamp ticks), 0 when none waits.</summary>
    private long _firstAt;

    /// <param name="window">How long the first waiting write waits for company.</param>
    /// <param name="wake">Wakes the writer (called on a timer thread).</param>
    public GroupCommitLazyWrites(TimeSpan window, Action wake)
    {
        _window = window;
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _timer = new Timer(static state => ((Action)state!)(), wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>When the waiting writes must be committed (timestamp ticks), <see cref="long.MaxValue"/> when none waits.</summary>
    public long DueAt => Volatile.Read(ref _firstAt) is var first and not 0 ? first + _windowTicks : long.MaxValue;

    /// <param name="armTimer">Arm the timer that wakes the writer at the due time (a writer that does not watch <see cref="DueAt"/>).</param>
    public void Add(GroupCommitItem<TContext> item, bool armTimer)
    {
        // Queued first, then dated: TakeInto clears the date before it takes, so a write it misses keeps a date.
        _waiting.Enqueue(item);
        Interlocked.CompareExchange(ref _firstAt, Stopwatch.GetTimestamp(), 0);
        if (armTimer)
        {
            Arm(_window);
        }
    }

    /// <summary>
    /// Moves waiting writes into <paramref name="batch"/> (up to <paramref name="max"/> in all). The date and the timer are
    /// cleared first, so a write added meanwhile either is taken here or dates and arms them again; any left over (a full
    /// batch) are due at once.
    /// </summary>
    public void TakeInto(List<GroupCommitItem<TContext>> batch, int max)
    {
        Volatile.Write(ref _firstAt, 0);
        if (_waiting.IsEmpty)
        {
            return;
        }

        lock (_arming)
        {
            if (_armed)
            {
                _armed = false;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
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
            Interlocked.CompareExchange(ref _firstAt, Stopwatch.GetTimestamp() - _windowTicks, 0);
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
