namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Holds an execution's progress notices a moment so the next one replaces them: a one-task execution goes CREATED,
/// RUNNING and SUCCESS within a millisecond, and each notice sent is a transaction on PostgreSQL (with its commit
/// record: <c>NOTIFY</c> takes a transaction id). Notices are wake-ups — receivers read the stored execution — so
/// only the latest of each execution needs sending. An end, a pause or a fault goes at once, with everything pending.
/// </summary>
internal sealed class ExecutionNoticeCoalescer : IAsyncDisposable
{
    /// <summary>How long a progress notice waits for a newer one of the same execution.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(2);

    private readonly Dictionary<string, ExecutionNotice> _pending = [];
    private readonly Lock _gate = new();
    private readonly Action<IReadOnlyList<ExecutionNotice>> _send;
    private readonly ITimer _timer;
    private readonly TimeSpan _window;
    private bool _armed;

    /// <param name="clock">Times the window.</param>
    /// <param name="send">Sends notices (on the caller's thread or the timer's); must not block.</param>
    /// <param name="window">How long a progress notice waits (<see cref="DefaultWindow"/> when null).</param>
    public ExecutionNoticeCoalescer(TimeProvider clock, Action<IReadOnlyList<ExecutionNotice>> send, TimeSpan? window = null)
    {
        _send = send;
        _window = window ?? DefaultWindow;
        _timer = clock.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Queues a notice, replacing an older one of the same execution; <paramref name="now"/> sends everything pending at once.</summary>
    public void Add(ExecutionNotice notice, bool now)
    {
        lock (_gate)
        {
            _pending[notice.Id] = notice; // one executor publishes an execution's changes, in order: the last is the newest
            if (!now)
            {
                if (!_armed)
                {
                    _armed = true;
                    _timer.Change(_window, Timeout.InfiniteTimeSpan);
                }

                return;
            }
        }

        Flush();
    }

    public void Flush()
    {
        ExecutionNotice[] batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = [.. _pending.Values];
            _pending.Clear();
            _armed = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _send(batch);
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        Flush();
    }
}
