using System.Globalization;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// Dates as fixed-width UTC text (<c>2024-01-31T12:00:00.1234567Z</c>): exact to the tick, readable in the
/// sqlite3 shell, and ordered correctly by plain string comparison.
/// </summary>
internal static class SqliteDates
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The round-trip format of a UTC date is this same text, and a fast path of the runtime.</summary>
    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static object ToParameter(DateTimeOffset? value) => value is { } v ? ToText(v) : DBNull.Value;

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
