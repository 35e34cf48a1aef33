using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Executions;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresRecoveryJournalTests : RecoveryJournalContract
{
    private readonly PostgresTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override async Task<IRecoveryJournal> CreateJournalAsync()
    {
        var db = await backend.OpenAsync();
        return new PostgresRecoveryJournal(db);
    }
}
