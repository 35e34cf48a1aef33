using Merlin.Testing;
using Npgsql;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>
/// Two Merlin processes on one fresh schema: <see cref="Executor"/> (where executions run and changes are published)
/// and <see cref="Web"/> (a web server following them), each with its own pool and listening connection.
/// </summary>
public abstract class TwoProcesses : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private ChangeFeedProcess? executor;
    private ChangeFeedProcess? web;

    protected string ConnectionString { get; private set; } = "";

    internal ChangeFeedProcess Executor => executor ?? throw new InvalidOperationException("Call StartAsync first.");

    internal ChangeFeedProcess Web => web ?? throw new InvalidOperationException("Call StartAsync first.");

    public async Task InitializeAsync() => ConnectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();

    /// <summary>Starts both processes; <paramref name="webRecheck"/> is the web server's re-check of what it follows.</summary>
    protected async Task StartAsync(TimeSpan? webRecheck = null)
    {
        executor = ChangeFeedProcess.Start(ConnectionString);
        web = ChangeFeedProcess.Start(ConnectionString, webRecheck);
        await Task.WhenAll(executor.ListeningAsync(), web.ListeningAsync());
        await UntilAsync(() => executor.Notifications.OthersListening && web.Notifications.OthersListening, "each process knows the other listens");
    }

    /// <summary>Ends a backend as an operator or a network loss would.</summary>
    protected async Task TerminateAsync(int processId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", processId);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    /// <summary>Polls <paramref name="done"/> until it holds, failing after <see cref="Deadline"/>.</summary>
    protected static async Task UntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (web is not null)
        {
            await web.DisposeAsync();
        }

        if (executor is not null)
        {
            await executor.DisposeAsync();
        }

        await (await PostgresCluster.GetAsync()).DropSchemaAsync(ConnectionString);
    }
}
