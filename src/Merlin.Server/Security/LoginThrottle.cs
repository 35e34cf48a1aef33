using System.Collections.Concurrent;

namespace Merlin.Server.Security;

/// <summary>
/// Counts failed logins per client address in a fixed window that starts at the first failure; once the count
/// reaches the limit the client is refused until the window ends. Memory stays bounded: stale windows are
/// dropped whenever many clients are tracked.
/// </summary>
internal sealed class LoginThrottle(SecurityOptions options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> failures = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait, or null when it may try to log in.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!failures.TryGetValue(client, out var window))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (window)
        {
            var ends = window.Start + options.LoginThrottle.Window;
            return window.Count >= options.LoginThrottle.MaxFailures && now < ends ? ends - now : null;
        }
    }

    public void RecordFailure(string client)
    {
        var now = time.GetUtcNow();
        var window = failures.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (now >= window.Start + options.LoginThrottle.Window)
            {
                window.Start = now;
                window.Count = 0;
            }

            window.Count++;
        }

        if (failures.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    public void Reset(string client) => failures.TryRemove(client, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, window) in failures)
        {
            if (now >= window.Start + options.LoginThrottle.Window)
            {
                failures.TryRemove(client, out _);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}
