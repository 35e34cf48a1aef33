using Merlin.Runtime.Cluster;
using Merlin.Runtime.Executor;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Storage;
using Merlin.Runtime.Worker;
using Merlin.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SchedulerLoop = Merlin.Runtime.Scheduler.Scheduler;

namespace Merlin.Server.Tests.Hosting;

/// <summary>
/// Each component's registration is complete on its own: the host validates every registration when it builds the
/// container (ValidateOnBuild), and a process running one component holds that component only.
/// </summary>
public sealed class ComponentContainerTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-components-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(MerlinComponents.Webserver)]
    [InlineData(MerlinComponents.Executor)]
    [InlineData(MerlinComponents.Worker)]
    [InlineData(MerlinComponents.Scheduler)]
    public async Task A_component_builds_alone_and_holds_only_itself(string component)
    {
        await using var app = MerlinApp.Build([], o =>
        {
            o.Port = 0;
            o.DataDir = _dataDir;
            o.Components = [component];
        });

        var services = app.Services;
        Assert.Equal(component == MerlinComponents.Executor, services.GetService<Executor>() is not null);
        // An executor keeps a task worker for the local tasks it dispatches (Log, Return...); only a worker takes the queue's jobs.
        Assert.Equal(component is MerlinComponents.Executor or MerlinComponents.Worker, services.GetService<TaskWorker>() is not null);
        Assert.Equal(component == MerlinComponents.Worker, services.GetServices<IHostedService>().Any(s => s is WorkerSubscription));
        Assert.Equal(component == MerlinComponents.Executor, services.GetServices<IHostedService>().Any(s => s is LocalTaskSubscription));
        Assert.Equal(component == MerlinComponents.Scheduler, services.GetService<SchedulerLoop>() is not null);
        Assert.Equal(component == MerlinComponents.Webserver, services.GetService<StoreReadiness>() is not null);

        // Every process heartbeats, whatever it runs; only the web server listens.
        Assert.Equal([component], services.GetRequiredService<LocalInstance>().Components);
        Assert.Contains(services.GetServices<IHostedService>(), s => s is ServiceHeartbeat);
        Assert.Equal(component == MerlinComponents.Webserver, services.GetRequiredService<IServer>() is not NoHttpServer);
    }

    [Fact]
    public async Task All_components_build_together_by_default()
    {
        await using var app = MerlinApp.Build([], o =>
        {
            o.Port = 0;
            o.DataDir = _dataDir;
        });

        Assert.NotNull(app.Services.GetService<Executor>());
        Assert.NotNull(app.Services.GetService<TaskWorker>());
        Assert.NotNull(app.Services.GetService<SchedulerLoop>());
        Assert.NotNull(app.Services.GetService<StoreReadiness>());
    }

    [Fact]
    public void A_component_missing_a_dependency_fails_when_the_container_is_built()
    {
        var error = Assert.ThrowsAny<Exception>(() => MerlinApp.Build([], o =>
        {
            o.Port = 0;
            o.DataDir = _dataDir;
            o.Components = [MerlinComponents.Executor];
        }, services => services.RemoveAll<IExecutionQueue>()));

        Assert.Contains(nameof(IExecutionQueue), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_component_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MerlinApp.Build([], o =>
        {
            o.Port = 0;
            o.DataDir = _dataDir;
            o.Components = ["executor", "indexer"];
        }));

        Assert.Contains("'indexer'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
