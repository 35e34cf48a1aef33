using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// One reader connection rented from <see cref="SqliteDatabase"/>: commands for constant SQL are prepared once
/// per connection and reused by every later read, so a lookup costs a bind and a step, not a parse.
/// </summary>
public sealed class SqliteReadContext : IDisposable
{
    /// <summary>Statements with text built per query (searches) are not kept beyond this many per connection.</summary>
    private const int MaxCachedCommands = 64;

    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> uncached = [];

    internal SqliteReadContext(SqliteConnection connection) => Connection = connection;

    internal SqliteConnection Connection { get; }

    /// <summary>A command for <paramref name="sql"/>, prepared on first use; set every parameter before executing.</summary>
    public SqliteCommand Command(string sql)
    {
        if (commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        if (commands.Count < MaxCachedCommands)
        {
            commands[sql] = command;
        }
        else
        {
            uncached.Add(command);
        }

        return command;
    }

    /// <summary>Called when the context goes back to the pool: commands beyond the cache are released.</summary>
    internal void Release()
    {
        foreach (var command in uncached)
        {
            command.Dispose();
        }

        uncached.Clear();
    }

    public void Dispose()
    {
        Release();
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
        Connection.Dispose();
    }
}
