using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer's connection and run through SQLite's own API: for the writes every
/// execution makes (its row, its log lines), where Microsoft.Data.Sqlite's work per call — each parameter found by
/// name in SQLite, a data reader per statement — cost as much as SQLite's insert itself (12 µs for a log line).
/// Parameters are matched by name once, at preparation; values are bound by position. Errors are thrown as
/// <see cref="SqliteException"/>, as Microsoft.Data.Sqlite throws them, so store faults are recognized alike.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly string[] names;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open");
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
        names = new string[raw.sqlite3_bind_parameter_count(statement)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string();
        }
    }

    public SqliteStatement Set(string name, string? value) =>
        Bound(value is null ? raw.sqlite3_bind_null(statement, IndexOf(name)) : raw.sqlite3_bind_text(statement, IndexOf(name), value));

    public SqliteStatement Set(string name, long? value) =>
        Bound(value is { } v ? raw.sqlite3_bind_int64(statement, IndexOf(name), v) : raw.sqlite3_bind_null(statement, IndexOf(name)));

    public SqliteStatement Set(string name, bool value) => Set(name, value ? 1L : 0L);

    /// <summary>Text already encoded as UTF-8 (SQLite's own encoding): bound without a conversion.</summary>
    public SqliteStatement SetUtf8(string name, ReadOnlySpan<byte> utf8) => Bound(raw.sqlite3_bind_text(statement, IndexOf(name), utf8));

    /// <summary>Runs the statement with the values bound since the last run; every parameter is unbound (NULL) afterwards.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(statement);
        try
        {
            if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result, db);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private int IndexOf(string name)
    {
        var index = Array.IndexOf(names, name);
        return index >= 0 ? index + 1 : throw new ArgumentException($"The statement has no parameter {name}", nameof(name));
    }

    private SqliteStatement Bound(int result)
    {
        Check(result);
        return this;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }
}
