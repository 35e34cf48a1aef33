using Merlin.Runtime.Storage;
using Merlin.Storage.Postgres;
using Merlin.Storage.Sqlite;

namespace Merlin.Server.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the configured backend: PostgreSQL when <c>Merlin:Storage:Type</c> is <c>postgres</c> (files in the
    /// database unless <c>Merlin:Storage:Postgres:Files</c> is <c>Directory</c>, by default the data directory), else
    /// SQLite in the data directory.
    /// </summary>
    public static IServiceCollection AddMerlinStorage(this IServiceCollection services, MerlinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Storage.IsPostgres)
        {
            return services
                .AddSqliteStorage(options.DataDir, o => o.Synchronous = Enum.Parse<SqliteSynchronousMode>(options.Synchronous, ignoreCase: true))
                .AddMerlinLocalFileStorage(options.DataDir);
        }

        var postgres = options.Storage.Postgres;
        postgres.FilesDirectory ??= options.DataDir;
        return services.AddMerlinPostgresStorage(postgres);
    }
}
