using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres;

/// <summary>
/// Typed parameter binding: PostgreSQL must know every parameter's type, null ones included
/// (<c>@namespace IS NULL OR namespace = @namespace</c>), so each value says what it is.
/// </summary>
internal static class PostgresCommandExtensions
{
    public static NpgsqlCommand Text(this NpgsqlCommand command, string name, string? value) =>
        command.Add(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand Int(this NpgsqlCommand command, string name, int? value) =>
        command.Add(name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand Short(this NpgsqlCommand command, string name, short value) =>
        command.Add(name, NpgsqlDbType.Smallint, value);

    public static NpgsqlCommand Long(this NpgsqlCommand command, string name, long value) =>
        command.Add(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand Bool(this NpgsqlCommand command, string name, bool value) =>
        command.Add(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand Uuid(this NpgsqlCommand command, string name, Guid value) =>
        command.Add(name, NpgsqlDbType.Uuid, value);

    public static NpgsqlCommand Jsonb(this NpgsqlCommand command, string name, string value) =>
        command.Add(name, NpgsqlDbType.Jsonb, value);

    public static NpgsqlCommand Date(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Add(name, NpgsqlDbType.Text, PostgresDates.ToText(value));

    /// <summary>A <c>timestamptz</c> (columns compared with the database clock, <c>now()</c>, rather than as text).</summary>
    public static NpgsqlCommand Timestamp(this NpgsqlCommand command, string name, DateTimeOffset value) =>
        command.Add(name, NpgsqlDbType.TimestampTz, value.UtcDateTime);

    public static NpgsqlCommand Interval(this NpgsqlCommand command, string name, TimeSpan value) =>
        command.Add(name, NpgsqlDbType.Interval, value);

    /// <summary>A column of values sent as one array parameter (for <c>unnest</c>): one statement inserts many rows.</summary>
    public static NpgsqlCommand Array<T>(this NpgsqlCommand command, string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        command.Add(name, NpgsqlDbType.Array | elementType, values.ToArray());

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlCommand Add(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
