using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Storage;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Merlin.Storage.Postgres;
using Merlin.Storage.Postgres.Executions;
using Merlin.Storage.Postgres.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>
/// One Merlin "process" on a shared database, composed as a host composes one: its own service provider, its own
/// <see cref="PostgresDatabase"/> (pool and writer) and its own listening connection. Its execution reads go through
/// <see cref="Reads"/>, which tells when one happened.
/// </summary>
internal sealed class ChangeFeedProcess : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private ChangeFeedProcess(ServiceProvider provider, CapturedLogs logs)
    {
        this.provider = provider;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public ObservedExecutions Reads => provider.GetRequiredService<ObservedExecutions>();

    public IExecutionRepository Executions => provider.GetRequiredService<IExecutionRepository>();

    public IExecutionChanges Changes => provider.GetRequiredService<IExecutionChanges>();

    public IFlowChanges FlowChanges => provider.GetRequiredService<IFlowChanges>();

    public ITriggerChanges TriggerChanges => provider.GetRequiredService<ITriggerChanges>();

    public FlowService Flows => provider.GetRequiredService<FlowService>();

    public PostgresNotifications Notifications => provider.GetRequiredService<PostgresNotifications>();

    public PostgresDatabase Database => provider.GetRequiredService<PostgresDatabase>();

    /// <param name="censusInterval">How often it asks whether another process listens (the default when null).</param>
    /// <param name="listen">Whether it listens to executions from the start (as its first follower, waiter or change listener would make it).</param>
    public static ChangeFeedProcess Start(string connectionString, TimeSpan? recheckInterval = null, TimeSpan? censusInterval = null, bool listen = true)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddMerlinPostgresStorage(new PostgresStorageOptions
        {
            ConnectionString = connectionString,
            NotificationRecheckInterval = recheckInterval ?? TimeSpan.FromMinutes(10), // tests of the re-check set it short
            ListenerCensusInterval = censusInterval ?? new PostgresStorageOptions().ListenerCensusInterval,
        });
        services.AddSingleton(sp => new ObservedExecutions(sp.GetRequiredService<PostgresExecutionRepository>()));
        services.AddSingleton<IExecutionRepository>(sp => sp.GetRequiredService<ObservedExecutions>());
        services.AddSingleton(new FlowParser(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly)));
        services.AddSingleton<FlowService>();
        services.AddMerlinInProcessMessaging();
        services.AddMerlinPostgresChangeFeeds();
        var process = new ChangeFeedProcess(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), logs);
        if (listen)
        {
            _ = ((PostgresExecutionChanges)process.Changes).ListenAsync();
        }

        _ = process.Flows;
        _ = process.TriggerChanges;
        return process;
    }

    /// <summary>Completes once this process LISTENs on every channel it subscribed to (a notification sent later is received).</summary>
    public async Task ListeningAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Notifications.IsListening)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
