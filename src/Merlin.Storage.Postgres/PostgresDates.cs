using System.Globalization;

namespace Merlin.Storage.Postgres;

/// <summary>
/// Dates as fixed-width UTC text (<c>2024-01-31T12:00:00.1234567Z</c>) in <c>COLLATE "C"</c> columns: exact to the
/// tick, which <c>timestamptz</c> (microseconds) is not, readable in psql, and ordered by plain comparison.
/// </summary>
internal static class PostgresDates
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? value) => value is { } v ? ToText(v) : null;

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
