using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Flows;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresFlowRepositoryTests : FlowRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IFlowRepository> CreateRepositoryAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresFlowRepository(db);
    }
}
