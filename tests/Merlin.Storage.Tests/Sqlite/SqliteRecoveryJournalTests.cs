using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Executions;
using Merlin.Storage.Tests.Contracts;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteRecoveryJournalTests : RecoveryJournalContract
{
    private readonly SqliteTestDatabase backend = new();

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    protected override Task<IRecoveryJournal> CreateJournalAsync() =>
        Task.FromResult<IRecoveryJournal>(new SqliteRecoveryJournal(backend.Database));
}
