using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Metrics;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresMetricRepositoryTests : MetricRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IMetricRepository> CreateRepositoryAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresMetricRepository(db);
    }
}
