using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Storage.Postgres.Messaging;
using Merlin.Storage.Tests.Support;

namespace Merlin.Storage.Tests.Postgres;

/// <summary>Every executor event survives the queue table's JSON; a subflow's end travels without its child and flow.</summary>
public sealed class ExecutionEventJsonTests
{
    public static TheoryData<ExecutionEvent> Events => new()
    {
        new ExecutionEvent.TaskRunReported("run1", StateType.SUCCESS, new Dictionary<string, object?> { ["value"] = "hi", ["n"] = 3L, ["list"] = new List<object?> { "a", true } },
            "kestra:///log.txt", new Dictionary<string, string> { ["out.txt"] = "kestra:///out.txt" }),
        new ExecutionEvent.TaskRunReported("run2", StateType.FAILED, null),
        new ExecutionEvent.SubflowBatchesStarted("run3", 4, "kestra:///base"),
        new ExecutionEvent.LoopValuesRead("run4", ["a", "b"], null),
        new ExecutionEvent.LoopValuesRead("run5", null, "too large"),
        new ExecutionEvent.Kill(),
        new ExecutionEvent.Pause(),
        new ExecutionEvent.Resume(new Dictionary<string, object?> { ["approved"] = true }),
        new ExecutionEvent.Wakeup(),
        new ExecutionEvent.Recover(),
        new ExecutionEvent.Recover(["run6", "run7"]),
        new ExecutionEvent.Recover(["run6"], ["run6", "run8"]),
        new ExecutionEvent.Restart(),
        new ExecutionEvent.ChangeStatus(StateType.WARNING),
        new ExecutionEvent.SetLabels([new Label("team", "data")]),
        new ExecutionEvent.Admitted(),
        new ExecutionEvent.Tick(),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reads_back_as_it_was_sent(ExecutionEvent @event)
    {
        var copy = ExecutionEventJson.Deserialize(ExecutionEventJson.Serialize(@event));

        Assert.Equal(@event.GetType(), copy.GetType());
        Assert.Equal(ExecutionEventJson.Serialize(@event), ExecutionEventJson.Serialize(copy));
    }

    [Fact]
    public void A_subflow_report_travels_without_its_child()
    {
        var child = Samples.Execution("child", state: StateType.SUCCESS);
        var reported = new ExecutionEvent.SubflowReported("run", "child", StateType.SUCCESS, new Dictionary<string, object?> { ["x"] = 1L }, child);

        var copy = Assert.IsType<ExecutionEvent.SubflowReported>(ExecutionEventJson.Deserialize(ExecutionEventJson.Serialize(reported)));

        Assert.Null(copy.Child);
        Assert.Equal(("run", "child", StateType.SUCCESS), (copy.TaskRunId, copy.ChildExecutionId, copy.ChildState));
        Assert.Equal(1L, Convert.ToInt64(copy.ChildOutputs!["x"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_loop_iteration_end_travels_with_the_iteration_and_its_loop_run()
    {
        var iteration = Samples.Execution("iteration", state: StateType.FAILED) with
        {
            Kind = Execution.LoopKind,
            ParentId = "parent",
            LoopRun = new LoopRun("parent", "loop", "run", 2, "k", "v", [new LoopRunParent(1, null, "outer")],
                new Dictionary<string, object?> { ["before"] = new Dictionary<string, object?> { ["value"] = "x" } }),
        };

        var copy = Assert.IsType<ExecutionEvent.LoopIterationReported>(
            ExecutionEventJson.Deserialize(ExecutionEventJson.Serialize(new ExecutionEvent.LoopIterationReported("run", iteration))));

        Assert.Equal(("run", "iteration", StateType.FAILED, Execution.LoopKind), (copy.TaskRunId, copy.Iteration.Id, copy.Iteration.State.Current, copy.Iteration.Kind));
        var loopRun = copy.Iteration.LoopRun!;
        Assert.Equal(("parent", "loop", "run", 2, "k", "v"), (loopRun.ExecutionId, loopRun.TaskId, loopRun.TaskRunId, loopRun.Index, loopRun.Key, loopRun.Value));
        Assert.Equal("outer", Assert.Single(loopRun.Parents).Value);
        Assert.True(loopRun.Outputs!.ContainsKey("before"));
    }

    [Fact]
    public void An_unknown_event_type_is_refused_clearly()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => ExecutionEventJson.Deserialize("""{"type":"Explode","event":{}}"""));
        Assert.Contains("Explode", error.Message, StringComparison.Ordinal);
    }
}
