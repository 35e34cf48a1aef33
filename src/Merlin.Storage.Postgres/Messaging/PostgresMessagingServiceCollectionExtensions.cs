using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Storage.Postgres.Messaging;

public static class PostgresMessagingServiceCollectionExtensions
{
    /// <summary>
    /// The messaging of components spread over processes that share one PostgreSQL database: the executor's, the
    /// workers' and the results' queues in tables, executor partitions by lease. Replaces the in-process queues
    /// registered by <see cref="InProcessMessagingServiceCollectionExtensions.AddMerlinInProcessMessaging"/> (call it first:
    /// what is not replaced here stays in process).
    /// </summary>
    public static IServiceCollection AddMerlinPostgresMessaging(this IServiceCollection services, PostgresMessagingOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<PostgresNotifications>();
        services.AddSingleton<PostgresConsumedMessages>();
        services.AddSingleton<PostgresExecutionReplies>();
        services.AddSingleton<PostgresPartitionLeases>();
        services.AddSingleton<PostgresExecutionQueue>();
        services.AddSingleton<PostgresWorkerJobQueue>();
        services.AddSingleton<PostgresWorkerResultQueue>();
        services.AddSingleton<IExecutionQueue>(sp => sp.GetRequiredService<PostgresExecutionQueue>());
        services.AddSingleton<IExecutionOwnership>(sp => sp.GetRequiredService<PostgresPartitionLeases>());
        services.AddSingleton<ILeadership, PostgresLeadership>();
        services.AddSingleton<IWorkerJobQueue>(sp => sp.GetRequiredService<PostgresWorkerJobQueue>());
        services.AddSingleton<IWorkerResultQueue>(sp => sp.GetRequiredService<PostgresWorkerResultQueue>());
        return services;
    }
}
