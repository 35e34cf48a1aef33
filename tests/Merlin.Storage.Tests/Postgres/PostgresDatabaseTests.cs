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
        Task<bool> Insert(int v) => database.WriteAsync(
            context =>
            {
                context.Defer("INSERT INTO deferred_t (v) VALUES (@v)", c => c.Parameters.AddWithValue("v", v));
                return Task.FromResult(true);
            },
            None);
        var writes = Enumerable.Range(3, 20).Select(Insert).Append(Insert(1)).ToList();
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => writes[^1]);
        await Task.WhenAll(writes.Take(20));

        var rows = await database.QueryAsync("SELECT v FROM deferred_t ORDER BY v", _ => { }, r => r.GetInt32(0), None);
        Assert.Equal(Enumerable.Range(1, 22), rows);
    }

    [Fact]
    public async Task Rows_of_one_statement_in_a_batch_go_in_one_statement_before_the_next_other_one_and_the_later_of_a_key_wins()
    {
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        await using var database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = backend.ConnectionString });
        await database.ExecuteAsync("CREATE TABLE rows_t (k text PRIMARY KEY, v integer NOT NULL)", _ => { }, None);
        var (ones, manys) = (0, 0);
        var upsert = new PostgresRowStatement<(string K, int V)>(
            "INSERT INTO rows_t (k, v) SELECT * FROM unnest(@k, @v) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            (c, rows) =>
            {
                manys++;
                c.Array("k", NpgsqlTypes.NpgsqlDbType.Text, rows.Select(r => r.K)).Array("v", NpgsqlTypes.NpgsqlDbType.Integer, rows.Select(r => r.V));
            },
            "INSERT INTO rows_t (k, v) VALUES (@k, @v) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            (c, row) =>
            {
                ones++;
                c.Text("k", row.K).Int("v", row.V);
            },
            row => row.K);

        var seen = await database.WriteAsync(
            async context =>
            {
                context.DeferRows(upsert, [("a", 1), ("b", 2)]);
                context.DeferRows(upsert, [("a", 3)]); // PostgreSQL refuses one statement updating a row twice: the later is kept
                context.Defer("UPDATE rows_t SET v = v * 10 WHERE k = 'b'", _ => { }); // runs after the rows deferred before it
                context.DeferRows(upsert, [("c", 4)]);
                await using var all = await context.CommandAsync("SELECT string_agg(k || '=' || v, ',' ORDER BY k) FROM rows_t");
                return (string)(await all.ExecuteScalarAsync())!;
            },
            None);

        Assert.Equal("a=3,b=20,c=4", seen);
        Assert.Equal((1, 1), (ones, manys)); // a, b and a again in one statement; c alone after the update
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
