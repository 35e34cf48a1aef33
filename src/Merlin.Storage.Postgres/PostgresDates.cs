using Merlin.Runtime.Storage;

namespace Merlin.Storage.Postgres;

/// <summary>Dates in PostgreSQL: <see cref="StoredDates"/>' text, in <c>COLLATE "C"</c> columns (exact to the tick, which <c>timestamptz</c> is not).</summary>
internal static class PostgresDates
{
    public static string ToText(DateTimeOffset value) => StoredDates.ToText(value);

    public static string? ToText(DateTimeOffset? value) => value is { } v ? StoredDates.ToText(v) : null;

    public static DateTimeOffset FromText(string text) => StoredDates.FromText(text);
}
