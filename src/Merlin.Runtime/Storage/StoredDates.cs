using System.Globalization;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Dates as both stores keep them: fixed-width UTC text (<c>2024-01-31T12:00:00.1234567Z</c>), exact to the tick,
/// readable in a SQL shell, and ordered by plain string comparison. It is the round-trip format (<c>O</c>) of a UTC
/// date, which the runtime writes on a fast path (a custom pattern was a few per cent of an execution's save).
/// </summary>
public static class StoredDates
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
