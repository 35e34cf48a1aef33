using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Merlin.Storage.Sqlite;
using Merlin.Storage.Sqlite.Executions;
using Merlin.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Add_sqlite_storage_registers_every_contract_as_a_singleton_on_one_database()
    {
        using var directory = new TempDirectory();
        var services = new ServiceCollection().AddSqliteStorage(directory.Path, o => o.Synchronous = SqliteSynchronousMode.Normal)
            .AddMerlinLocalFileStorage(directory.Path);

        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
        {
            Assert.IsType<SqliteExecutionRepository>(provider.GetRequiredService<IExecutionRepository>());
            Assert.Same(provider.GetRequiredService<SqliteExecutionRepository>(), provider.GetRequiredService<IExecutionRepository>());
            Assert.NotNull(provider.GetRequiredService<IFlowRepository>());
            Assert.NotNull(provider.GetRequiredService<ILogRepository>());
            Assert.NotNull(provider.GetRequiredService<ITriggerStateRepository>());
            Assert.NotNull(provider.GetRequiredService<IKvStore>());
            Assert.NotNull(provider.GetRequiredService<IApiTokenRepository>());
            Assert.IsType<LocalFileStorage>(provider.GetRequiredService<IFileStorage>());
            Assert.Equal(2, provider.GetServices<IStoreProbe>().Count()); // the database and the files, for the readiness check

            await provider.GetRequiredService<IExecutionRepository>().SaveAsync(Samples.Execution(), CancellationToken.None);
        }

        Assert.True(File.Exists(Path.Combine(directory.Path, "merlin.db")));
    }
}
