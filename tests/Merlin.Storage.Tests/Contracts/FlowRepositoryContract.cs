using Merlin.Core.Storage;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IFlowRepository"/> backend must do; subclass once per backend.</summary>
public abstract class FlowRepositoryContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private IFlowRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected IFlowRepository Repository => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IFlowRepository> CreateRepositoryAsync();

    [Fact]
    public async Task Appended_revisions_read_back()
    {
        var first = Flow("ns", "hello", 1);
        var second = Flow("ns", "hello", 2) with { Updated = Now.AddTicks(12345) };

        Assert.True(await Repository.AppendAsync(first, None));
        Assert.True(await Repository.AppendAsync(second, None));

        Assert.Equal(second, await Repository.GetLatestAsync("ns", "hello", None));
        Assert.Equal(first, await Repository.GetRevisionAsync("ns", "hello", 1, None));
        Assert.Equal([first, second], await Repository.GetRevisionsAsync("ns", "hello", None));
    }

    [Fact]
    public async Task Unknown_flow_reads_as_null_or_empty()
    {
        Assert.Null(await Repository.GetLatestAsync("ns", "missing", None));
        Assert.Null(await Repository.GetRevisionAsync("ns", "missing", 1, None));
        Assert.Empty(await Repository.GetRevisionsAsync("ns", "missing", None));
    }

    [Fact]
    public async Task Append_of_an_existing_revision_returns_false_and_keeps_the_first()
    {
        var first = Flow("ns", "hello", 1);
        await Repository.AppendAsync(first, None);

        Assert.False(await Repository.AppendAsync(first with { Source = "changed" }, None));
        Assert.Equal(first, await Repository.GetLatestAsync("ns", "hello", None));
    }

    [Fact]
    public async Task Concurrent_appends_of_one_revision_have_exactly_one_winner()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Repository.AppendAsync(Flow("ns", "race", 1) with { Source = $"source {i}" }, None))));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task List_live_returns_latest_non_deleted_revisions()
    {
        await Repository.AppendAsync(Flow("ns", "a", 1), None);
        await Repository.AppendAsync(Flow("ns", "a", 2), None);
        await Repository.AppendAsync(Flow("ns", "gone", 1), None);
        await Repository.AppendAsync(Flow("ns", "gone", 2) with { Deleted = true }, None);
        await Repository.AppendAsync(Flow("ns.child", "b", 1), None);
        await Repository.AppendAsync(Flow("other", "c", 1), None);

        var inNamespace = await Repository.ListLiveAsync("ns", None);
        var all = await Repository.ListLiveAsync(null, None);

        Assert.Equal([("ns", "a", 2)], inNamespace.Select(f => (f.Namespace, f.Id, f.Revision)));
        Assert.Equal(
            [("ns", "a", 2), ("ns.child", "b", 1), ("other", "c", 1)],
            all.Select(f => (f.Namespace, f.Id, f.Revision)).Order());
    }

    [Fact]
    public async Task Deleted_marker_is_the_latest_revision()
    {
        await Repository.AppendAsync(Flow("ns", "a", 1), None);
        await Repository.AppendAsync(Flow("ns", "a", 2) with { Deleted = true }, None);

        var latest = await Repository.GetLatestAsync("ns", "a", None);

        Assert.True(latest?.Deleted);
        Assert.Equal(2, latest?.Revision);
    }

    private static FlowRecord Flow(string @namespace, string id, int revision) =>
        new(@namespace, id, revision, $"id: {id}\nnamespace: {@namespace}\ntasks: []\n# revision {revision} é", false, Now.AddMinutes(revision));
}
