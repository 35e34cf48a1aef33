using Merlin.Core.Storage;
using Merlin.Storage.Postgres;
using Merlin.Storage.Postgres.Logs;
using Merlin.Testing;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresDatabaseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Processes_starting_together_apply_each_migration_once()
    {
        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateSchemaAsync();
        try
        {
            // Each database has its own data source and pool, as separate processes would: they race for the advisory lock.
            var databases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => new PostgresDatabase(new PostgresStorageOptions { ConnectionString = connectionString }))));
            try
            {
                var versions = await databases[0].QueryAsync("SELECT version FROM schema_migrations ORDER BY version", _ => { }, r => r.GetInt32(0), None);
                Assert.Equal(PostgresMigrator.Scripts.Select(s => s.Version), versions);
            }
            finally
            {
                foreach (var database in databases)
                {
                    await database.DisposeAsync();
                }
            }
        }
        finally
        {
            await cluster.DropSchemaAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_refused_commit_fails_its_writes_with_a_store_fault_then_writes_resume()
    {
        var health = new StoreHealth(TimeProvider.System);
        Exception? fault = null;
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        await using var database = new PostgresDatabase(
            new PostgresStorageOptions { ConnectionString = backend.ConnectionString, FaultInjector = () => fault },
            health);
        var logs = new PostgresLogRepository(database);

        // What PostgreSQL answers when its disk is full (SQLSTATE 53100).
        fault = new Npgsql.PostgresException("could not extend file", "ERROR", "ERROR", "53100");
        var refused = await Assert.ThrowsAsync<StorageFaultException>(() => logs.AppendAsync([Entry()], None));
        Assert.True(refused.DiskFull);
        Assert.True(health.Fault?.DiskFull);

        fault = null;
        await logs.AppendAsync([Entry()], None);
        Assert.Null(health.Fault);
        Assert.Single(await logs.ListAsync("e1", Merlin.Sdk.Runs.LogLevel.TRACE, null, None));
    }

    [Fact]
    public async Task Deferred_statements_share_one_round_trip_are_seen_by_later_commands_and_a_bad_one_fails_alone()
    {
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        await using var database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = backend.ConnectionString });
        await database.ExecuteAsync("CREATE TABLE deferred_t (v integer PRIMARY KEY)", _ => { }, None);

        // One write: two deferred inserts, then a command in the same transaction that must see both.
        var seen = await database.WriteAsync(
            async context =>
            {
                context.Defer("INSERT INTO deferred_t (v) VALUES (@v)", c => c.Parameters.AddWithValue("v", 1));
                context.Defer("INSERT INTO deferred_t (v) VALUES (@v)", c => c.Parameters.AddWithValue("v", 2));
                await using var count = await context.CommandAsync("SELECT count(*) FROM deferred_t");
                return (long)(await count.ExecuteScalarAsync())!;
            },
            None);
        Assert.Equal(2, seen);

        // Concurrent writes share batches; the duplicate key fails only its own write.
        var writes = Enumerable.Range(3, 20).Select(v => database.DeferAsync("INSERT INTO deferred_t (v) VALUES (@v)", c => c.Parameters.AddWithValue("v", v), None))
            .Append(database.DeferAsync("INSERT INTO deferred_t (v) VALUES (@v)", c => c.Parameters.AddWithValue("v", 1), None))
            .ToList();
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => writes[^1]);
        await Task.WhenAll(writes.Take(20));

        var rows = await database.QueryAsync("SELECT v FROM deferred_t ORDER BY v", _ => { }, r => r.GetInt32(0), None);
        Assert.Equal(Enumerable.Range(1, 22), rows);
    }

    [Fact]
    public async Task A_relaxed_write_commits_without_waiting_for_the_flush_and_a_normal_one_waits()
    {
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        await using var database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = backend.ConnectionString });

        async Task<string> Setting(bool relaxed) => await database.WriteAsync(
            async context =>
            {
                await using var show = await context.CommandAsync("SHOW synchronous_commit");
                return (string)(await show.ExecuteScalarAsync())!;
            },
            None,
            relaxed);

        Assert.Equal("off", await Setting(relaxed: true));
        Assert.Equal("on", await Setting(relaxed: false));
    }

    [Fact]
    public async Task A_missing_connection_string_is_refused_with_the_setting_to_give()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PostgresDatabase(new PostgresStorageOptions()));

        Assert.Contains("Merlin__Storage__Postgres__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static LogEntry Entry() => new()
    {
        Namespace = "company.team",
        FlowId = "flow",
        ExecutionId = "e1",
        Timestamp = DateTimeOffset.UtcNow,
        Level = Merlin.Sdk.Runs.LogLevel.INFO,
        Message = "hello",
    };
}
