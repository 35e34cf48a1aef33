using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Flow concurrency decided by the engine from the admitted count the runtime gives it.</summary>
public sealed class AdmissionAdvanceTests
{
    private static EngineHarness Limited(string behavior) => new(
        $"id: f\nnamespace: t\nconcurrency:\n  limit: 2\n  behavior: {behavior}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");

    [Theory]
    [InlineData("QUEUE")]
    [InlineData("CANCEL")]
    [InlineData("FAIL")]
    public void Below_the_limit_the_execution_takes_a_slot_and_runs(string behavior)
    {
        var h = Limited(behavior);
        h.AdmittedExecutions = 1;
        var actions = h.Advance(new ExecutionEvent.Tick());

        Assert.IsType<ExecutionAction.TakeConcurrencySlot>(actions[0]);
        Assert.Single(actions.OfType<ExecutionAction.RunTask>());
        Assert.Equal(StateType.RUNNING, h.Execution.State.Current);
    }

    [Fact]
    public void At_the_limit_QUEUE_queues_and_waits_for_a_slot()
    {
        var h = Limited("QUEUE");
        h.AdmittedExecutions = 2;
        var actions = h.Advance(new ExecutionEvent.Tick());

        Assert.IsType<ExecutionAction.AwaitConcurrencySlot>(Assert.Single(actions));
        Assert.Equal(StateType.QUEUED, h.Execution.State.Current);
        Assert.Empty(h.Execution.TaskRunList);

        var admitted = h.Advance(new ExecutionEvent.Admitted());
        Assert.Single(admitted.OfType<ExecutionAction.RunTask>());
        Assert.DoesNotContain(admitted, a => a is ExecutionAction.TakeConcurrencySlot);
    }

    [Fact]
    public void At_the_limit_CANCEL_cancels_without_any_action()
    {
        var h = Limited("CANCEL");
        h.AdmittedExecutions = 2;

        Assert.Empty(h.Advance(new ExecutionEvent.Tick()));
        Assert.Equal(StateType.CANCELLED, h.Execution.State.Current);
    }

    [Fact]
    public void At_the_limit_FAIL_fails_with_kestras_log_line()
    {
        var h = Limited("FAIL");
        h.AdmittedExecutions = 5;
        var log = Assert.IsType<ExecutionAction.Log>(Assert.Single(h.Advance(new ExecutionEvent.Tick())));

        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        Assert.Null(log.TaskId);
        Assert.Equal("Flow is FAILED due to concurrency limit exceeded", log.Message);
    }

    [Fact]
    public void Admission_is_only_decided_before_the_first_task_run()
    {
        var h = Limited("CANCEL");
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        h.AdmittedExecutions = 10;
        Assert.False(ExecutionEngine.NeedsAdmission(h.Flow, h.Execution));

        h.Advance(new ExecutionEvent.TaskRunReported(first.TaskRun.Id, StateType.SUCCESS, null));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }
}
