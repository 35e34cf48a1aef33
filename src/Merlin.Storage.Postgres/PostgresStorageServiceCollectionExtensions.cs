using System.Diagnostics.Metrics;
using Merlin.Core.Storage;
using Merlin.Runtime.Cluster;
using Merlin.Runtime.Storage;
using Merlin.Storage.Postgres.Cluster;
using Merlin.Storage.Postgres.Executions;
using Merlin.Storage.Postgres.Files;
using Merlin.Storage.Postgres.Flows;
using Merlin.Storage.Postgres.Kv;
using Merlin.Storage.Postgres.Logs;
using Merlin.Storage.Postgres.Metrics;
using Merlin.Storage.Postgres.Tokens;
using Merlin.Storage.Postgres.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Storage.Postgres;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL backend as singletons: <see cref="PostgresDatabase"/> (migrated when first resolved),
    /// the repositories behind every storage contract, the cluster's
    /// <see cref="IServiceRegistry"/>, and internal storage in the database
    /// (<see cref="PostgresFileStorage"/>) or, when <see cref="PostgresStorageOptions.Files"/> says so, in a shared
    /// directory (<see cref="LocalFileStorage"/>). Everything reports to one <see cref="StoreHealth"/> and can be
    /// probed (<see cref="IStoreProbe"/>) by the readiness check.
    /// </summary>
    public static IServiceCollection AddMerlinPostgresStorage(this IServiceCollection services, PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Files == PostgresFileStorageMode.Directory && string.IsNullOrWhiteSpace(options.FilesDirectory))
        {
            throw new InvalidOperationException("Merlin:Storage:Postgres:FilesDirectory is required when Merlin:Storage:Postgres:Files is Directory");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreHealth>();
        services.AddSingleton(options);
        services.AddSingleton(sp => new PostgresDatabase(options, sp.GetRequiredService<StoreHealth>(), sp.GetService<IMeterFactory>()));
        services.AddSingleton<PostgresExecutionRepository>();
        services.AddSingleton<IFlowRepository, PostgresFlowRepository>();
        services.AddSingleton<IExecutionRepository>(sp => sp.GetRequiredService<PostgresExecutionRepository>());
        services.AddSingleton<ILogRepository, PostgresLogRepository>();
        services.AddSingleton<IMetricRepository, PostgresMetricRepository>();
        services.AddSingleton<ITriggerStateRepository, PostgresTriggerStateRepository>();
        services.AddSingleton<IKvStore, PostgresKvStore>();
        services.AddSingleton<IApiTokenRepository, PostgresApiTokenRepository>();
        services.AddSingleton<IMultipleConditionWindowStore, PostgresMultipleConditionWindowStore>();
        services.AddSingleton<IRecoveryJournal, PostgresRecoveryJournal>();
        services.AddSingleton<IStoreProbe, PostgresStoreProbe>();
        services.AddSingleton<IServiceRegistry, PostgresServiceRegistry>();
        if (options.Files == PostgresFileStorageMode.Directory)
        {
            // LocalFileStorage keeps its files under <directory>/storage, as the SQLite backend does under its data directory.
            services.AddSingleton(sp => new LocalFileStorage(options.FilesDirectory!, sp.GetRequiredService<StoreHealth>()));
            services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<LocalFileStorage>());
            services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<LocalFileStorage>());
        }
        else
        {
            services.AddSingleton<IFileStorage>(sp => new PostgresFileStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<StoreHealth>()));
        }

        return services;
    }
}
