using Merlin.Testing;
using Npgsql;

namespace Merlin.Server.Tests.Storage;

/// <summary>The queue tables of a server on PostgreSQL: what a worker cannot read fails instead of blocking, and consumed messages leave.</summary>
public sealed class PostgresQueueTests : IAsyncLifetime
{
    private string connectionString = "";
    private MerlinServer? server;

    private MerlinServer Server => server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        connectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();
        server = MerlinServer.WithArgs("--Merlin:Storage:Type=postgres", $"--Merlin:Storage:Postgres:ConnectionString={connectionString}");
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await (await PostgresCluster.GetAsync()).DropSchemaAsync(connectionString);
    }

    [Fact]
    public async Task A_job_no_worker_can_read_is_answered_failed_and_leaves_the_queue()
    {
        await ExecuteAsync("INSERT INTO worker_job_queue (task_run_id, execution_id, job) VALUES ('run-unreadable', 'exec-unreadable', '{not json')");

        await Poll.UntilAsync(async () => await CountAsync("SELECT count(*) FROM worker_job_queue") == 0, "the unreadable job leaving the queue");
    }

    [Fact]
    public async Task Executions_leave_nothing_in_the_queues()
    {
        await Server.CreateFlowAsync("id: tidy\nnamespace: tests.queues\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n  - id: b\n    type: io.kestra.plugin.core.debug.Return\n    format: done\n");
        for (var i = 0; i < 10; i++)
        {
            var execution = await Server.ExecuteAsync("tests.queues", "tidy");
            Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        }

        await Poll.UntilAsync(
            async () => await CountAsync("SELECT (SELECT count(*) FROM execution_queue) + (SELECT count(*) FROM worker_job_queue) + (SELECT count(*) FROM execution_replies)") == 0,
            "the queue tables back to empty");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
