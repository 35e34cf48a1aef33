using Merlin.Runtime.Messaging;
using Merlin.Server.Hosting;
using Merlin.Storage.Postgres.Messaging;
using Merlin.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Storage;

/// <summary>
/// A process LISTENs only to the queues it reads: every process may send to the executor queue (a worker's results, a
/// web server's new executions), but only an executor is woken by what goes on it.
/// </summary>
public sealed class PostgresComponentListeningTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "merlin-listening-" + Guid.NewGuid().ToString("N"));
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        await (await PostgresCluster.GetAsync()).DropSchemaAsync(connectionString);
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(MerlinComponents.Webserver, null)]
    [InlineData(MerlinComponents.Worker, PostgresChannels.WorkerJobQueue)]
    [InlineData(MerlinComponents.Scheduler, null)]
    [InlineData(MerlinComponents.Executor, PostgresChannels.ExecutionQueue)]
    public async Task A_process_listens_to_the_executor_queue_only_when_it_runs_an_executor(string component, string? reads)
    {
        await using var app = MerlinApp.Build(
            ["--Merlin:Storage:Type=postgres", $"--Merlin:Storage:Postgres:ConnectionString={connectionString}"],
            o =>
            {
                o.Port = 0;
                o.DataDir = dataDir;
                o.Components = [component];
            });
        await app.StartAsync();
        var notifications = app.Services.GetRequiredService<PostgresNotifications>();
        Assert.IsType<PostgresExecutionQueue>(app.Services.GetRequiredService<IExecutionQueue>()); // each process holds one, to send

        if (reads is not null)
        {
            await Poll.UntilAsync(() => Task.FromResult(notifications.Subscribed(reads)), $"the {component} listening to {reads}");
        }

        await notifications.ListeningAsync();
        Assert.Equal(component == MerlinComponents.Executor, notifications.Subscribed(PostgresChannels.ExecutionQueue));
        await app.StopAsync();
    }
}
