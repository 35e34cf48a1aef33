using Merlin.Runtime.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Storage.Postgres.Messaging;

public static class PostgresChangeFeedsServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-process execution, flow and trigger changes (<c>AddMerlinInProcessMessaging</c>) with ones that
    /// also reach the other processes on the database, over <see cref="PostgresNotifications"/>. Call it after
    /// <c>AddMerlinPostgresStorage</c> and <c>AddMerlinInProcessMessaging</c>; <see cref="ILiveExecutions"/> stays in
    /// process (each executor's own memory; a process without an executor reads the store).
    /// </summary>
    public static IServiceCollection AddMerlinPostgresChangeFeeds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresNotifications>();
        services.RemoveAll<IExecutionChanges>();
        services.RemoveAll<IFlowChanges>();
        services.RemoveAll<ITriggerChanges>();
        services.AddSingleton<PostgresExecutionChanges>();
        services.AddSingleton<IExecutionChanges>(sp => sp.GetRequiredService<PostgresExecutionChanges>());
        services.AddSingleton<PostgresFlowChanges>();
        services.AddSingleton<IFlowChanges>(sp => sp.GetRequiredService<PostgresFlowChanges>());
        services.AddSingleton<PostgresTriggerChanges>();
        services.AddSingleton<ITriggerChanges>(sp => sp.GetRequiredService<PostgresTriggerChanges>());
        return services;
    }
}
