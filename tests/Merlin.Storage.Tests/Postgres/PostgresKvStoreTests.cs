using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Kv;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresKvStoreTests : KvStoreContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IKvStore> CreateStoreAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresKvStore(db, TimeProvider.System);
    }
}
