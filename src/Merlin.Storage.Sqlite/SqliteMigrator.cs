using System.Globalization;
using Merlin.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded as <c>Migrations/NNNN_name.sql</c>, each in its own transaction with
/// the row that records it, so a crash mid-way or two processes starting together apply each script once.
/// </summary>
internal static class SqliteMigrator
{
    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = MigrationScripts.Find(typeof(SqliteMigrator).Assembly);

    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);
        foreach (var (version, name) in Scripts)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, transaction, version))
            {
                continue;
            }

            Execute(connection, transaction, MigrationScripts.Read(typeof(SqliteMigrator).Assembly, name));
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
            record.Set("@version", version).Set("@name", name).Set("@at", SqliteDates.ToText(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @version";
        command.Set("@version", version);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
