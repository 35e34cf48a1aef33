using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// What a write sees inside the writer's current transaction. Commands are cheap to create; the data source's
/// automatic preparation turns every statement used repeatedly into a prepared statement on each connection.
/// </summary>
public sealed class PostgresWriteContext
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    internal PostgresWriteContext(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>A command for <paramref name="sql"/> in the open transaction; bind its parameters, execute it, dispose it.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);
}
