using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Tokens;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresApiTokenRepositoryTests : ApiTokenRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IApiTokenRepository> CreateRepositoryAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresApiTokenRepository(db);
    }
}
