namespace Merlin.Testing;

/// <summary>Waiting for state without sleeping for it: a condition checked often until a deadline.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds; a timeout says <paramref name="what"/> (read then, so it can show the state at the deadline).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {within}: {what()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>As above, with a fixed description and 30 s unless told.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        UntilAsync(condition, () => what, within ?? TimeSpan.FromSeconds(30));
}
