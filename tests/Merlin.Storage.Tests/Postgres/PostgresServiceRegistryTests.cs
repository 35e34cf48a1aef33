using Merlin.Runtime.Cluster;
using Merlin.Storage.Postgres.Cluster;
using Merlin.Storage.Tests.Contracts;
using Npgsql;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresServiceRegistryTests : ServiceRegistryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IServiceRegistry> CreateRegistryAsync() => new PostgresServiceRegistry(await backend.OpenAsync());

    protected override async Task AgeHeartbeatsAsync(TimeSpan age)
    {
        await using var connection = await backend.Database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("UPDATE service_instances SET heartbeat_at = heartbeat_at - @age", connection);
        command.Parameters.AddWithValue("age", age);
        await command.ExecuteNonQueryAsync();
    }
}
