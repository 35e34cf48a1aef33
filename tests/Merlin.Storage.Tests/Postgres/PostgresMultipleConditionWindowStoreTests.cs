using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Triggers;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresMultipleConditionWindowStoreTests : MultipleConditionWindowStoreContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IMultipleConditionWindowStore> CreateStoreAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresMultipleConditionWindowStore(db);
    }
}
