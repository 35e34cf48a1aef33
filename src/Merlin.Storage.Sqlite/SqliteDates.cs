using Merlin.Runtime.Storage;

namespace Merlin.Storage.Sqlite;

/// <summary>Dates in SQLite: <see cref="StoredDates"/>' text; a missing one is SQL NULL.</summary>
internal static class SqliteDates
{
    public static string ToText(DateTimeOffset value) => StoredDates.ToText(value);

    public static object ToParameter(DateTimeOffset? value) => value is { } v ? StoredDates.ToText(v) : DBNull.Value;

    public static DateTimeOffset FromText(string text) => StoredDates.FromText(text);
}
