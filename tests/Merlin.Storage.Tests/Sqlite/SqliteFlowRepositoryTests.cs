using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Flows;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteFlowRepositoryTests : FlowRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IFlowRepository> CreateRepositoryAsync() => Task.FromResult<IFlowRepository>(new SqliteFlowRepository(backend.Database));
}
