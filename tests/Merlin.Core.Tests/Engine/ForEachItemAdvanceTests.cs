using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>ForEachItem as Kestra runs it: split, one subflow per batch with iteration counts, merge.</summary>
public sealed class ForEachItemAdvanceTests
{
    private const string SplitsUri = "kestra:///t/f/executions/exec1/tasks/each-split/x/splits.txt";

    private static EngineHarness Flow(string options = "") => new(
        "id: f\nnamespace: t\ninputs:\n  - id: file\n    type: FILE\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEachItem\n"
        + "    items: \"{{ inputs.file }}\"\n    batch:\n      rows: 4\n    namespace: t\n    flowId: sub\n    inputs:\n      items: \"{{ taskrun.items }}\"\n" + options);

    /// <summary>Runs the split step and returns the request for the batches' subflows.</summary>
    private static ExecutionAction.StartSubflowBatches Split(EngineHarness h)
    {
        var split = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        Assert.Equal("each_split", split.TaskRun.TaskId);
        var outputs = new Dictionary<string, object?> { ["splits"] = SplitsUri };
        return h.Advance(new ExecutionEvent.TaskRunReported(split.TaskRun.Id, StateType.SUCCESS, outputs))
            .OfType<ExecutionAction.StartSubflowBatches>().Single();
    }

    [Fact]
    public void Each_batch_subflow_is_counted_and_the_merge_step_runs_once_all_have_ended()
    {
        var h = Flow();
        var batches = Split(h);
        Assert.Equal(SplitsUri, batches.SplitsUri);
        Assert.Equal("sub", batches.FlowId);
        Assert.Empty(h.Run("each_items").Attempts);

        h.Advance(new ExecutionEvent.SubflowBatchesStarted(batches.TaskRun.Id, 3, "/t/f/executions/exec1/tasks/each-items/y"));
        h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c1", StateType.SUCCESS, null));
        var iterations = (IReadOnlyDictionary<string, object?>)h.Run("each_items").Outputs!["iterations"]!;
        Assert.Equal(2, iterations["RUNNING"]);
        Assert.Equal(1, iterations["SUCCESS"]);

        h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c2", StateType.SUCCESS, null));
        var merge = h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c3", StateType.SUCCESS, null))
            .OfType<ExecutionAction.RunTask>().Single();

        var items = h.Run("each_items");
        Assert.Equal(StateType.SUCCESS, items.State.Current);
        Assert.Equal(StateType.SUCCESS, Assert.Single(items.Attempts).State.Current);
        Assert.Equal(new Dictionary<string, object?> { ["CREATED"] = 0, ["RUNNING"] = 0, ["SUCCESS"] = 3 }, items.Outputs!["iterations"]);
        Assert.Equal(3, items.Outputs["numberOfBatches"]);
        Assert.Equal("each_merge", merge.TaskRun.TaskId);
        h.Advance(new ExecutionEvent.TaskRunReported(merge.TaskRun.Id, StateType.SUCCESS, null));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal(["each", "each_split", "each_items", "each_merge"], h.Execution.TaskRunList.Select(r => r.TaskId));
    }

    [Fact]
    public void Subflows_that_end_before_the_batch_count_is_known_still_count()
    {
        var h = Flow();
        var batches = Split(h);
        h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c1", StateType.FAILED, null));
        h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c2", StateType.SUCCESS, null));
        Assert.Equal(StateType.RUNNING, h.Run("each_items").State.Current);

        h.Advance(new ExecutionEvent.SubflowBatchesStarted(batches.TaskRun.Id, 2, "/base"));

        Assert.Equal(StateType.FAILED, h.Run("each_items").State.Current);
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
    }

    [Fact]
    public void Without_transmitFailed_a_failed_subflow_leaves_the_task_successful()
    {
        var h = Flow("    transmitFailed: false\n");
        var batches = Split(h);
        h.Advance(new ExecutionEvent.SubflowBatchesStarted(batches.TaskRun.Id, 1, "/base"));
        h.Advance(new ExecutionEvent.SubflowReported(batches.TaskRun.Id, "c1", StateType.FAILED, null));

        Assert.Equal(StateType.SUCCESS, h.Run("each_items").State.Current);
    }

    [Fact]
    public void Without_wait_the_task_succeeds_once_the_subflows_exist_counting_every_batch_successful()
    {
        var h = Flow("    wait: false\n");
        var batches = Split(h);

        h.Advance(new ExecutionEvent.SubflowBatchesStarted(batches.TaskRun.Id, 26, "/base"));

        var items = h.Run("each_items");
        Assert.Equal(StateType.SUCCESS, items.State.Current);
        Assert.Equal(new Dictionary<string, object?> { ["RUNNING"] = 0, ["SUCCESS"] = 26 }, items.Outputs!["iterations"]);
    }

    [Fact]
    public void Killing_ends_the_batch_step_at_once()
    {
        var h = Flow();
        Split(h);
        h.Advance(new ExecutionEvent.Kill());

        Assert.Equal(StateType.KILLED, h.Run("each_items").State.Current);
        Assert.Equal(StateType.KILLED, h.Execution.State.Current);
    }
}
