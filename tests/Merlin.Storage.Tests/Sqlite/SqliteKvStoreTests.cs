using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Kv;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteKvStoreTests : KvStoreContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IKvStore> CreateStoreAsync() => Task.FromResult<IKvStore>(new SqliteKvStore(backend.Database, TimeProvider.System));
}
