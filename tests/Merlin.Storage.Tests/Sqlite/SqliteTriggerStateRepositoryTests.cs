using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Triggers;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteTriggerStateRepositoryTests : TriggerStateRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<ITriggerStateRepository> CreateRepositoryAsync() => Task.FromResult<ITriggerStateRepository>(new SqliteTriggerStateRepository(backend.Database));
}
