using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Flow listeners: their tasks run after the flow's, one after another, without changing the end state.</summary>
public sealed class ListenersAdvanceTests
{
    private const string Tasks = "tasks:\n  - id: first\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n";

    [Fact]
    public void Listener_tasks_run_in_order_after_the_flow_tasks_and_the_execution_ends_after_them()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nlisteners:\n  - tasks:\n      - id: l1\n        type: io.kestra.plugin.core.debug.Return\n        format: a\n"
            + "  - tasks:\n      - id: l2\n        type: io.kestra.plugin.core.debug.Return\n        format: b\n" + Tasks);
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        var l1 = h.Advance(new ExecutionEvent.TaskRunReported(first.TaskRun.Id, StateType.SUCCESS, null)).OfType<ExecutionAction.RunTask>().Single();

        Assert.Equal("l1", l1.TaskRun.TaskId);
        Assert.False(h.Execution.State.IsTerminated);

        h.Run();
        Assert.Equal(["first", "l1", "l2"], h.Execution.TaskRunList.Select(r => r.TaskId));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void A_failed_listener_task_neither_stops_the_next_nor_changes_the_end_state()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nlisteners:\n  - tasks:\n      - id: ko\n        type: io.kestra.plugin.core.execution.Fail\n"
            + "  - tasks:\n      - id: l2\n        type: io.kestra.plugin.core.debug.Return\n        format: b\n" + Tasks).Answer("ko", StateType.FAILED);

        h.Run();

        Assert.Equal(StateType.FAILED, h.Run("ko").State.Current);
        Assert.Equal(StateType.SUCCESS, h.Run("l2").State.Current);
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void A_listener_whose_conditions_do_not_hold_for_the_end_state_does_not_run()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nlisteners:\n  - conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionStatus\n        in: [FAILED]\n"
            + "    tasks:\n      - id: onFailure\n        type: io.kestra.plugin.core.debug.Return\n        format: b\n"
            + "  - conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionStatus\n        in: [SUCCESS]\n"
            + "    tasks:\n      - id: onSuccess\n        type: io.kestra.plugin.core.debug.Return\n        format: b\n" + Tasks);

        h.Run();

        Assert.Equal(["first", "onSuccess"], h.Execution.TaskRunList.Select(r => r.TaskId));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }
}
