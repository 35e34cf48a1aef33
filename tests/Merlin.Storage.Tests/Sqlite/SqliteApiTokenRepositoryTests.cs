using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Tokens;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteApiTokenRepositoryTests : ApiTokenRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IApiTokenRepository> CreateRepositoryAsync() =>
        Task.FromResult<IApiTokenRepository>(new SqliteApiTokenRepository(backend.Database));
}
