using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Merlin.Storage.Postgres;
using Merlin.Storage.Postgres.Executions;
using Merlin.Storage.Postgres.Files;
using Merlin.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Add_postgres_storage_registers_every_contract_with_files_in_the_database()
    {
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        var services = new ServiceCollection().AddMerlinPostgresStorage(new PostgresStorageOptions { ConnectionString = backend.ConnectionString });

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<PostgresExecutionRepository>(), provider.GetRequiredService<IExecutionRepository>());
        Assert.NotNull(provider.GetRequiredService<IFlowRepository>());
        Assert.NotNull(provider.GetRequiredService<ILogRepository>());
        Assert.NotNull(provider.GetRequiredService<ITriggerStateRepository>());
        Assert.NotNull(provider.GetRequiredService<IKvStore>());
        Assert.NotNull(provider.GetRequiredService<IApiTokenRepository>());
        Assert.NotNull(provider.GetRequiredService<IMultipleConditionWindowStore>());
        Assert.NotNull(provider.GetRequiredService<IRecoveryJournal>());
        Assert.IsType<PostgresFileStorage>(provider.GetRequiredService<IFileStorage>());
        Assert.Equal(["database"], provider.GetServices<IStoreProbe>().Select(p => p.Name));

        await provider.GetRequiredService<IExecutionRepository>().SaveAsync(Samples.Execution(), CancellationToken.None);
        await new StoreReadiness(provider.GetRequiredService<StoreHealth>(), provider.GetServices<IStoreProbe>()).CheckAsync(CancellationToken.None);
        Assert.Null(provider.GetRequiredService<StoreHealth>().Fault);
    }

    [Fact]
    public async Task Files_can_live_in_a_shared_directory_instead()
    {
        using var directory = new TempDirectory();
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        var services = new ServiceCollection().AddMerlinPostgresStorage(new PostgresStorageOptions
        {
            ConnectionString = backend.ConnectionString,
            Files = PostgresFileStorageMode.Directory,
            FilesDirectory = directory.Path,
        });

        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IFileStorage>().PutAsync("kestra:///a/b.txt", new MemoryStream([42]), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(directory.Path, "storage", "a", "b.txt")));
        Assert.Equal(["database", "files"], provider.GetServices<IStoreProbe>().Select(p => p.Name));
    }

    [Fact]
    public async Task Commits_are_measured_on_the_storage_meter()
    {
        await using var backend = new PostgresTestDatabase();
        await backend.OpenAsync();
        var services = new ServiceCollection().AddMetrics().AddMerlinPostgresStorage(new PostgresStorageOptions { ConnectionString = backend.ConnectionString });
        await using var provider = services.BuildServiceProvider();
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Merlin.Storage.Sqlite.SqliteStorageMeter.Name && instrument.Name == "merlin.storage.commit.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Add(value));
        listener.Start();

        await provider.GetRequiredService<IExecutionRepository>().SaveAsync(Samples.Execution(), CancellationToken.None);

        Assert.Contains(1, sizes);
    }
}
