using System.Diagnostics;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// Fires requests at a fixed rate regardless of how fast they are answered (an open loop, as a webhook source
/// or a scheduler would), so a slow server shows up as latency rather than as a lower request rate.
/// </summary>
public static class OpenLoop
{
    public static async Task<List<Task<T>>> RunAsync<T>(double perSecond, TimeSpan duration, Func<Task<T>> fire, CancellationToken cancellationToken)
    {
        var total = (int)Math.Round(perSecond * duration.TotalSeconds);
        var started = Stopwatch.StartNew();
        var fired = new List<Task<T>>(total);
        while (fired.Count < total)
        {
            var due = Math.Min(total, (int)(started.Elapsed.TotalSeconds * perSecond) + 1);
            while (fired.Count < due)
            {
                fired.Add(Task.Run(fire, cancellationToken));
            }

            var next = TimeSpan.FromSeconds(fired.Count / perSecond) - started.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancellationToken);
            }
        }

        return fired;
    }
}
