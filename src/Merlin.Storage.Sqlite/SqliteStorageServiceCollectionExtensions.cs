using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Merlin.Storage.Sqlite.Executions;
using Merlin.Storage.Sqlite.Flows;
using Merlin.Storage.Sqlite.Kv;
using Merlin.Storage.Sqlite.Logs;
using Merlin.Storage.Sqlite.Metrics;
using Merlin.Storage.Sqlite.Tokens;
using Merlin.Storage.Sqlite.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Storage.Sqlite;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded backend as singletons: <see cref="SqliteDatabase"/> on <c>&lt;dataDir&gt;/merlin.db</c>
    /// (migrated when first resolved) and the SQLite repositories behind the storage contracts; it reports to
    /// <see cref="StoreHealth"/> and can be probed (<see cref="IStoreProbe"/>) by the readiness check. The file storage
    /// is registered apart (<see cref="FileStorageServiceCollectionExtensions.AddMerlinLocalFileStorage"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDir, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        var options = new SqliteStorageOptions { DataDirectory = dataDir };
        configure?.Invoke(options);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreHealth>();
        services.AddSingleton(options);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteFlowRepository>();
        services.AddSingleton<SqliteExecutionRepository>();
        services.AddSingleton<SqliteLogRepository>();
        services.AddSingleton<SqliteTriggerStateRepository>();
        services.AddSingleton<SqliteKvStore>();
        services.AddSingleton<IFlowRepository>(sp => sp.GetRequiredService<SqliteFlowRepository>());
        services.AddSingleton<IExecutionRepository>(sp => sp.GetRequiredService<SqliteExecutionRepository>());
        services.AddSingleton<ILogRepository>(sp => sp.GetRequiredService<SqliteLogRepository>());
        services.AddSingleton<ITriggerStateRepository>(sp => sp.GetRequiredService<SqliteTriggerStateRepository>());
        services.AddSingleton<IKvStore>(sp => sp.GetRequiredService<SqliteKvStore>());
        services.AddSingleton<IApiTokenRepository, SqliteApiTokenRepository>();
        services.AddSingleton<IMetricRepository, SqliteMetricRepository>();
        services.AddSingleton<IMultipleConditionWindowStore, SqliteMultipleConditionWindowStore>();
        services.AddSingleton<IRecoveryJournal, SqliteRecoveryJournal>();
        services.AddSingleton<IStoreProbe, SqliteStoreProbe>();
        return services;
    }
}
