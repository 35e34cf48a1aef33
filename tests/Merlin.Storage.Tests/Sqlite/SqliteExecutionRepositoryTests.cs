using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Storage.Sqlite.Executions;
using Merlin.Storage.Tests.Contracts;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Sqlite;

public sealed class SqliteExecutionRepositoryTests : ExecutionRepositoryContract
{
    private readonly SqliteTestDatabase backend = new();
    private SqliteExecutionRepository? sqlite;

    private SqliteExecutionRepository Sqlite => sqlite ?? throw new InvalidOperationException("Not initialized.");

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    [Fact]
    public async Task Saves_queued_together_share_few_transactions()
    {
        var executions = Enumerable.Range(0, 500).Select(_ => Samples.Execution()).ToList();
        var before = Sqlite.CommitCount;

        var saves = await WhileWriterIsBusy(() => executions.Select(e => Sqlite.SaveAsync(e, None)).ToList());
        await Task.WhenAll(saves);

        var commits = Sqlite.CommitCount - before;
        Assert.InRange(commits, 1, 3);
        Assert.Equal(500, (await Sqlite.SearchAsync(new ExecutionQuery { Size = 1 }, None)).Total);
    }

    [Fact]
    public async Task Later_save_of_one_execution_in_a_batch_wins()
    {
        var created = Samples.Execution();
        var running = created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1));
        var done = running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(2));

        var saves = await WhileWriterIsBusy(() => new[] { created, running, done }.Select(e => Sqlite.SaveAsync(e, None)).ToList());
        await Task.WhenAll(saves);

        Assert.Equal(StateType.SUCCESS, (await Sqlite.GetAsync(created.Id, None))?.State.Current);
        Assert.Empty(await Sqlite.ListUnfinishedAsync(None));
    }

    [Fact]
    public async Task A_lone_save_commits_without_waiting_for_company()
    {
        var before = Sqlite.CommitCount;

        await Sqlite.SaveAsync(Samples.Execution(), None);

        Assert.Equal(before + 1, Sqlite.CommitCount);
    }

    protected override Task<IExecutionRepository> CreateRepositoryAsync()
    {
        sqlite = new SqliteExecutionRepository(backend.Database);
        return Task.FromResult<IExecutionRepository>(sqlite);
    }

    /// <summary>
    /// Holds the writer inside a transaction while <paramref name="enqueue"/> queues writes, so they are
    /// certainly pending together when it is released: a deterministic batch, no timing involved.
    /// </summary>
    private async Task<T> WhileWriterIsBusy<T>(Func<T> enqueue)
    {
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var blocker = backend.Database.WriteAsync(
            _ =>
            {
                entered.Release();
                release.Wait();
                return 0;
            },
            None);
        await entered.WaitAsync();
        var result = enqueue();
        release.Release();
        await blocker;
        return result;
    }
}
