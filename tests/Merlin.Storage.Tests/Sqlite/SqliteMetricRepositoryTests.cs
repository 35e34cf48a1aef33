using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Metrics;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteMetricRepositoryTests : MetricRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IMetricRepository> CreateRepositoryAsync() => Task.FromResult<IMetricRepository>(new SqliteMetricRepository(backend.Database));
}
