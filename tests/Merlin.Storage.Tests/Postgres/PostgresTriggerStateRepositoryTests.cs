using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Triggers;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresTriggerStateRepositoryTests : TriggerStateRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<ITriggerStateRepository> CreateRepositoryAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresTriggerStateRepository(db);
    }
}
