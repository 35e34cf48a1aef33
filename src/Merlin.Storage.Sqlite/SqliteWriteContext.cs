using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// What a write sees inside the writer's current transaction: commands prepared once per SQL text and reused
/// for every later batch, already bound to the open transaction.
/// </summary>
public sealed class SqliteWriteContext : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteStatement> statements = new(StringComparer.Ordinal);

    internal SqliteWriteContext(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// A command for <paramref name="sql"/> (prepared on first use); set every parameter before executing. It runs in the
    /// writer's open transaction, begun through SQLite's own API (so Microsoft.Data.Sqlite sees no transaction object).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        return command;
    }

    /// <summary>
    /// A statement for <paramref name="sql"/> on SQLite's own API (prepared on first use), for the writes every execution
    /// makes; set every parameter before executing.
    /// </summary>
    internal SqliteStatement Statement(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(connection, sql);
            statements[sql] = statement;
        }

        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }
}
