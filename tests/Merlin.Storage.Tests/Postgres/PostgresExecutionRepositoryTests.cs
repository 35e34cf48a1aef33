using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Storage.Postgres.Executions;
using Merlin.Storage.Tests.Contracts;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Postgres;

public sealed class PostgresExecutionRepositoryTests : ExecutionRepositoryContract
{
    private readonly PostgresTestDatabase backend = new();
    private PostgresExecutionRepository? postgres;

    private PostgresExecutionRepository Postgres => postgres ?? throw new InvalidOperationException("Not initialized.");

    public override Task DisposeAsync() => backend.DisposeAsync().AsTask();

    [Fact]
    public async Task Saves_queued_together_share_few_transactions()
    {
        var executions = Enumerable.Range(0, 500).Select(_ => Samples.Execution()).ToList();
        var before = Postgres.CommitCount;

        var saves = await WhileWriterIsBusy(() => executions.Select(e => Postgres.SaveAsync(e, None)).ToList());
        await Task.WhenAll(saves);

        Assert.InRange(Postgres.CommitCount - before, 1, 3);
        Assert.Equal(500, (await Postgres.SearchAsync(new ExecutionQuery { Size = 1 }, None)).Total);
    }

    [Fact]
    public async Task Later_save_of_one_execution_in_a_batch_wins()
    {
        var created = Samples.Execution();
        var running = created.WithState(StateType.RUNNING, Samples.Epoch.AddSeconds(1));
        var done = running.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(2));

        var saves = await WhileWriterIsBusy(() => new[] { created, running, done }.Select(e => Postgres.SaveAsync(e, None)).ToList());
        await Task.WhenAll(saves);

        Assert.Equal(StateType.SUCCESS, (await Postgres.GetAsync(created.Id, None))?.State.Current);
        Assert.Empty(await Postgres.ListUnfinishedAsync(None));
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_its_batch_neighbours_commit()
    {
        var good = Enumerable.Range(0, 5).Select(_ => Samples.Execution()).ToList();

        var writes = await WhileWriterIsBusy(() =>
        {
            var saves = good.Select(e => Postgres.SaveAsync(e, None)).ToList();
            saves.Insert(2, backend.Database.ExecuteAsync("INSERT INTO executions (id) VALUES ('no columns')", _ => { }, None));
            return saves;
        });

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => writes[2]);
        await Task.WhenAll(writes.Where((_, i) => i != 2));
        Assert.Equal(5, (await Postgres.SearchAsync(new ExecutionQuery(), None)).Total);
    }

    [Fact]
    public async Task A_page_past_the_end_still_counts_the_total()
    {
        await Postgres.SaveAsync(Samples.Execution(), None);

        var page = await Postgres.SearchAsync(new ExecutionQuery { Page = 5, Size = 10 }, None);

        Assert.Empty(page.Results);
        Assert.Equal(1, page.Total);
    }

    protected override async Task<IExecutionRepository> CreateRepositoryAsync()
    {
        postgres = new PostgresExecutionRepository(await backend.OpenAsync());
        return postgres;
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
            async _ =>
            {
                entered.Release();
                await release.WaitAsync();
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
