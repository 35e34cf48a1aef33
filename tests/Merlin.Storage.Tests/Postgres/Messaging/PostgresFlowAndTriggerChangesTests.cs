using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Postgres.Messaging;

public sealed class PostgresFlowAndTriggerChangesTests : TwoProcesses
{
    private const string Source = """
        id: hello
        namespace: company.team
        tasks:
          - id: say
            type: io.kestra.plugin.core.log.Log
            message: "{0}"
        """;

    [Fact]
    public async Task A_flow_saved_in_one_process_reaches_the_listeners_and_the_flow_cache_of_another()
    {
        await StartAsync();
        await Executor.Flows.CreateAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Source, "first"), None);
        Assert.Equal(1, (await Web.Flows.FindAsync("company.team", "hello", null, None))?.Revision); // cached here from now on
        var heard = Channel.CreateUnbounded<Flow>();
        using var listening = Web.FlowChanges.Subscribe(f => heard.Writer.TryWrite(f));

        await Executor.Flows.UpdateAsync("company.team", "hello", string.Format(System.Globalization.CultureInfo.InvariantCulture, Source, "second"), None);

        var revised = await HeardAsync(heard, 2); // the creation may be heard first: its notification can land after the read above
        Assert.False(revised.Deleted);
        Assert.Contains("second", revised.Source, StringComparison.Ordinal);
        Assert.Equal(2, (await Web.Flows.FindAsync("company.team", "hello", null, None))?.Revision);

        await Executor.Flows.DeleteAsync("company.team", "hello", None);

        var deleted = await heard.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        Assert.Equal((3, true), (deleted.Revision, deleted.Deleted));
        Assert.Null(await Web.Flows.FindAsync("company.team", "hello", null, None));
    }

    [Fact]
    public async Task A_flow_change_is_heard_before_an_execution_change_committed_after_it_and_before_its_revision_is_read()
    {
        await StartAsync();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var changing = Web.FlowChanges.OnChanging(() => heard.Enqueue("flow changing"));
        using var changed = Web.FlowChanges.Subscribe(_ => heard.Enqueue("flow read"));
        using var ended = Web.Changes.OnChanged(_ => heard.Enqueue("execution ended"), c => c.State.IsTerminated());
        await Web.ListeningAsync();

        await Executor.Flows.CreateAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Source, "first"), None);
        var end = Samples.Execution(state: StateType.SUCCESS);
        await Executor.Executions.SaveAsync(end, None);
        Executor.Changes.Publish(end);

        await UntilAsync(() => heard.Count == 3, "the flow and the end heard");
        var order = heard.ToList();
        Assert.Equal("flow changing", order[0]); // so a Flow trigger judges that end against the new flow
        Assert.True(order.IndexOf("flow changing") < order.IndexOf("flow read"));
    }

    [Fact]
    public async Task A_trigger_change_reaches_the_listeners_of_another_process_and_its_own_once()
    {
        await StartAsync();
        var there = Channel.CreateUnbounded<TriggerKey>();
        using var listeningThere = Web.TriggerChanges.Subscribe(k => there.Writer.TryWrite(k));
        var here = 0;
        using var listeningHere = Executor.TriggerChanges.Subscribe(_ => Interlocked.Increment(ref here));
        var key = new TriggerKey("company.team", "hello", "every-minute");

        await Executor.TriggerChanges.PublishAsync(key, None);

        Assert.Equal(key, await there.Reader.ReadAsync().AsTask().WaitAsync(Deadline));
        Assert.Equal(1, Volatile.Read(ref here));
    }

    private static async Task<Flow> HeardAsync(Channel<Flow> heard, int revision)
    {
        using var stop = new CancellationTokenSource(Deadline);
        while (true)
        {
            var flow = await heard.Reader.ReadAsync(stop.Token);
            if (flow.Revision == revision)
            {
                return flow;
            }
        }
    }
}
