using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Contracts;

/// <summary>What every <see cref="IExecutionRepository"/> backend must do; subclass once per backend.</summary>
public abstract class ExecutionRepositoryContract : IAsyncLifetime
{
    private IExecutionRepository? repository;

    protected static CancellationToken None => CancellationToken.None;

    protected IExecutionRepository Repository => repository ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => repository = await CreateRepositoryAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IExecutionRepository> CreateRepositoryAsync();

    [Fact]
    public async Task Saved_execution_reads_back_exactly()
    {
        var execution = Samples.Rich();

        await Repository.SaveAsync(execution, None);

        Deep.Equal(execution, await Repository.GetAsync(execution.Id, None));
    }

    [Fact]
    public async Task Get_of_unknown_id_returns_null() =>
        Assert.Null(await Repository.GetAsync("missing", None));

    [Fact]
    public async Task Save_replaces_the_previous_version()
    {
        var execution = Samples.Execution();
        await Repository.SaveAsync(execution, None);

        var done = execution.WithState(StateType.SUCCESS, Samples.Epoch.AddSeconds(5));
        await Repository.SaveAsync(done, None);

        Assert.Equal(StateType.SUCCESS, (await Repository.GetAsync(execution.Id, None))?.State.Current);
        Assert.Equal(1, (await Repository.SearchAsync(new ExecutionQuery(), None)).Total);
    }

    [Fact]
    public async Task Parallel_saves_all_become_readable()
    {
        var executions = Enumerable.Range(0, 500).Select(i => Samples.Execution(start: Samples.Epoch.AddSeconds(i))).ToList();

        await Task.WhenAll(executions.Select(e => Task.Run(() => Repository.SaveAsync(e, None))));

        foreach (var execution in executions)
        {
            Assert.Equal(execution.Id, (await Repository.GetAsync(execution.Id, None))?.Id);
        }

        Assert.Equal(500, (await Repository.SearchAsync(new ExecutionQuery { Size = 1 }, None)).Total);
    }

    [Fact]
    public async Task Search_filters_by_namespace_including_children()
    {
        await SaveAll(
            Samples.Execution(id: "a", @namespace: "company"),
            Samples.Execution(id: "b", @namespace: "company.team"),
            Samples.Execution(id: "c", @namespace: "company_other"),
            Samples.Execution(id: "d", @namespace: "companyx.team"));

        var result = await Repository.SearchAsync(new ExecutionQuery { Namespace = "company" }, None);

        Assert.Equal(["a", "b"], result.Results.Select(e => e.Id).Order());
        Assert.Equal(2, result.Total);
    }

    [Fact]
    public async Task Search_filters_by_flow_state_parent_and_labels()
    {
        await SaveAll(
            Samples.Execution(id: "a", flowId: "one", state: StateType.SUCCESS, labels: new Label("env", "prod")),
            Samples.Execution(id: "b", flowId: "one", state: StateType.FAILED, parentId: "a", labels: [new Label("env", "dev"), new Label("team", "x")]),
            Samples.Execution(id: "c", flowId: "two", state: StateType.RUNNING, labels: [new Label("env", "prod"), new Label("team", "x")]));

        Assert.Equal(["a", "b"], await Ids(new ExecutionQuery { FlowId = "one" }));
        Assert.Equal(["a", "c"], await Ids(new ExecutionQuery { States = [StateType.SUCCESS, StateType.RUNNING] }));
        Assert.Equal(["b"], await Ids(new ExecutionQuery { ParentId = "a" }));
        Assert.Equal(["a", "c"], await Ids(new ExecutionQuery { Labels = [("env", "prod")] }));
        Assert.Equal(["c"], await Ids(new ExecutionQuery { Labels = [("env", "prod"), ("team", "x")] }));
        Assert.Empty(await Ids(new ExecutionQuery { Labels = [("env", "x")] }));
        Assert.Equal(["b"], await Ids(new ExecutionQuery { FlowId = "one", States = [StateType.FAILED] }));
    }

    [Fact]
    public async Task Search_filters_by_start_and_end_dates()
    {
        await SaveAll(
            Samples.Execution(id: "early", state: StateType.SUCCESS, start: Samples.Epoch),
            Samples.Execution(id: "late", state: StateType.SUCCESS, start: Samples.Epoch.AddHours(2)),
            Samples.Execution(id: "running", state: StateType.RUNNING, start: Samples.Epoch.AddHours(2)));

        Assert.Equal(["late", "running"], await Ids(new ExecutionQuery { StartDate = Samples.Epoch.AddHours(1) }));
        Assert.Equal(["early"], await Ids(new ExecutionQuery { EndDate = Samples.Epoch.AddHours(1) }));
        Assert.Equal(["early", "late"], await Ids(new ExecutionQuery { EndDate = Samples.Epoch.AddHours(3) }));
    }

    [Fact]
    public async Task Search_pages_newest_first_and_reports_the_total()
    {
        var executions = Enumerable.Range(0, 7).Select(i => Samples.Execution(id: $"e{i}", start: Samples.Epoch.AddMinutes(i))).ToArray();
        await SaveAll(executions);

        var first = await Repository.SearchAsync(new ExecutionQuery { Page = 1, Size = 3 }, None);
        var last = await Repository.SearchAsync(new ExecutionQuery { Page = 3, Size = 3 }, None);
        var beyond = await Repository.SearchAsync(new ExecutionQuery { Page = 4, Size = 3 }, None);

        Assert.Equal(["e6", "e5", "e4"], first.Results.Select(e => e.Id));
        Assert.Equal(["e0"], last.Results.Select(e => e.Id));
        Assert.Empty(beyond.Results);
        Assert.All([first, last, beyond], r => Assert.Equal(7, r.Total));
    }

    [Fact]
    public async Task List_unfinished_returns_only_non_terminated_executions()
    {
        var all = Enum.GetValues<StateType>().Select(s => Samples.Execution(id: s.ToString(), state: s)).ToArray();
        await SaveAll(all);

        var unfinished = await Repository.ListUnfinishedAsync(None);

        Assert.Equal(
            all.Where(e => !e.State.Current.IsTerminated()).Select(e => e.Id).Order(),
            unfinished.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Count_counts_a_flow_in_the_given_states()
    {
        await SaveAll(
            Samples.Execution(flowId: "f", state: StateType.RUNNING),
            Samples.Execution(flowId: "f", state: StateType.RUNNING),
            Samples.Execution(flowId: "f", state: StateType.SUCCESS),
            Samples.Execution(flowId: "g", state: StateType.RUNNING),
            Samples.Execution(@namespace: "other", flowId: "f", state: StateType.RUNNING));

        Assert.Equal(2, await Repository.CountAsync("company.team", "f", [StateType.RUNNING], None));
        Assert.Equal(3, await Repository.CountAsync("company.team", "f", [StateType.RUNNING, StateType.SUCCESS], None));
        Assert.Equal(0, await Repository.CountAsync("company.team", "f", [], None));
    }

    [Fact]
    public async Task Delete_removes_the_execution_once()
    {
        var execution = Samples.Execution();
        await Repository.SaveAsync(execution, None);

        Assert.True(await Repository.DeleteAsync(execution.Id, None));
        Assert.False(await Repository.DeleteAsync(execution.Id, None));
        Assert.Null(await Repository.GetAsync(execution.Id, None));
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_execution_until_it_expires()
    {
        var ttl = TimeSpan.FromHours(1);

        Assert.Null(await Repository.ClaimIdempotencyKeyAsync("key", "first", Samples.Epoch, ttl, None));
        Assert.Equal("first", await Repository.ClaimIdempotencyKeyAsync("key", "second", Samples.Epoch.AddMinutes(59), ttl, None));
        Assert.Null(await Repository.ClaimIdempotencyKeyAsync("other", "third", Samples.Epoch, ttl, None));
        Assert.Null(await Repository.ClaimIdempotencyKeyAsync("key", "fourth", Samples.Epoch.AddHours(2), ttl, None));
        Assert.Equal("fourth", await Repository.ClaimIdempotencyKeyAsync("key", "fifth", Samples.Epoch.AddHours(2), ttl, None));
    }

    private async Task SaveAll(params Execution[] executions)
    {
        foreach (var execution in executions)
        {
            await Repository.SaveAsync(execution, None);
        }
    }

    private async Task<List<string>> Ids(ExecutionQuery query) =>
        [.. (await Repository.SearchAsync(query, None)).Results.Select(e => e.Id).Order()];
}
