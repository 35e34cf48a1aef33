using Merlin.Storage.Postgres;
using Merlin.Testing;

namespace Merlin.Storage.Tests.Postgres;

/// <summary>A migrated PostgreSQL database of its own: a fresh schema on the tests' cluster, dropped on dispose.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private PostgresDatabase? database;

    public PostgresDatabase Database => database ?? throw new InvalidOperationException("Call OpenAsync first.");

    /// <summary>The schema's connection string (its <c>Search Path</c> names the schema).</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task<PostgresDatabase> OpenAsync(Action<PostgresStorageOptions>? configure = null)
    {
        ConnectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();
        var options = new PostgresStorageOptions { ConnectionString = ConnectionString };
        configure?.Invoke(options);
        database = new PostgresDatabase(options);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            await (await PostgresCluster.GetAsync()).DropSchemaAsync(ConnectionString);
        }
    }
}
