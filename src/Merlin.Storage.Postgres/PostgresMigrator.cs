using Merlin.Runtime.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// Applies the numbered scripts embedded as <c>Migrations/NNNN_name.sql</c>, each in its own transaction with the row
/// that records it. A session-level advisory lock is held throughout, so when several processes start at once one
/// migrates and the others wait, then find every script applied.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>The advisory lock key of migrations ("Merlin" in ASCII), the same in every process.</summary>
    public const long LockKey = 0x4D65726C696E;

    public static IReadOnlyList<(int Version, string Name)> Scripts { get; } = MigrationScripts.Find(typeof(PostgresMigrator).Assembly);

    public static void Apply(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        Execute(connection, null, "SELECT pg_advisory_lock(@key)", LockKey);
        try
        {
            Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """);
            var applied = Applied(connection);
            foreach (var (version, name) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, MigrationScripts.Read(typeof(PostgresMigrator).Assembly, name));
                using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection, transaction);
                record.Int("version", version).Text("name", name).ExecuteNonQuery();
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(@key)", LockKey);
        }
    }

    private static HashSet<int> Applied(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? key = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is { } k)
        {
            command.Long("key", k);
        }

        command.ExecuteNonQuery();
    }
}
