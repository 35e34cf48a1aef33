using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Logs;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresLogRepositoryTests : LogRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<ILogRepository> CreateRepositoryAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresLogRepository(db);
    }
}
