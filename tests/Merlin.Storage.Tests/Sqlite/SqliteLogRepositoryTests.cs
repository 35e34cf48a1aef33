using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Logs;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteLogRepositoryTests : LogRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<ILogRepository> CreateRepositoryAsync() => Task.FromResult<ILogRepository>(new SqliteLogRepository(backend.Database));
}
