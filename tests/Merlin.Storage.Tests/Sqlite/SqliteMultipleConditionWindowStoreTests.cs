using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Triggers;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteMultipleConditionWindowStoreTests : MultipleConditionWindowStoreContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IMultipleConditionWindowStore> CreateStoreAsync() =>
        Task.FromResult<IMultipleConditionWindowStore>(new SqliteMultipleConditionWindowStore(backend.Database));
}
