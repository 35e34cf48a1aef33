using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Retries with behavior CREATE_NEW_EXECUTION: the execution ends RETRIED and a new one is asked for.</summary>
public sealed class NewExecutionRetryAdvanceTests
{
    private const string Retry = "retry:\n      behavior: CREATE_NEW_EXECUTION\n      type: constant\n      maxAttempt: 3\n      interval: PT1S\n";

    private static EngineHarness TaskLevel() => new(
        "id: f\nnamespace: t\ntasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n      - id: fail\n        type: io.kestra.plugin.core.execution.Fail\n        " + Retry.Replace("\n    ", "\n        ", StringComparison.Ordinal));

    [Fact]
    public void A_failed_task_ends_itself_its_parents_and_the_execution_retried_and_asks_for_a_new_execution()
    {
        var h = TaskLevel();
        var fail = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();

        var actions = h.Advance(new ExecutionEvent.TaskRunReported(fail.TaskRun.Id, StateType.FAILED, null));

        Assert.Equal(StateType.RETRIED, h.Execution.State.Current);
        Assert.Equal(StateType.RETRIED, h.Run("fail").State.Current);
        Assert.Equal(StateType.RETRIED, h.Run("seq").State.Current);
        var retry = Assert.Single(actions.OfType<ExecutionAction.RetryInNewExecution>());
        Assert.Equal(h.Run("fail").Attempts[^1].State.Histories[^1].Date + TimeSpan.FromSeconds(1), retry.Date);
    }

    [Fact]
    public void The_last_attempt_fails_the_execution_as_usual()
    {
        var h = TaskLevel();
        h.Change(e => e with { Metadata = e.Metadata with { AttemptNumber = 3 } });
        var fail = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();

        var actions = h.Advance(new ExecutionEvent.TaskRunReported(fail.TaskRun.Id, StateType.FAILED, null));

        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        Assert.Empty(actions.OfType<ExecutionAction.RetryInNewExecution>());
    }

    [Fact]
    public void A_flow_level_policy_retries_in_a_new_execution_too()
    {
        var h = new EngineHarness("id: f\nnamespace: t\n" + Retry.Replace("\n    ", "\n  ", StringComparison.Ordinal) + "tasks:\n  - id: fail\n    type: io.kestra.plugin.core.execution.Fail\n");
        var fail = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();

        var actions = h.Advance(new ExecutionEvent.TaskRunReported(fail.TaskRun.Id, StateType.FAILED, null));

        Assert.Equal(StateType.RETRIED, h.Execution.State.Current);
        Assert.Equal(h.Execution.State.Histories[^2].Date + TimeSpan.FromSeconds(1), Assert.Single(actions.OfType<ExecutionAction.RetryInNewExecution>()).Date);
    }

    [Fact]
    public void The_new_execution_keeps_inputs_and_labels_and_counts_the_attempt()
    {
        var h = TaskLevel();
        h.Change(e => e with { Inputs = new Dictionary<string, object?> { ["a"] = 1 }, Labels = [new Merlin.Core.Flows.Label("k", "v")] });
        h.Run();

        var next = NewExecutionRetry.Next(h.Execution, "exec2", h.Now);

        Assert.Equal("exec2", next.Id);
        Assert.Equal(StateType.CREATED, next.State.Current);
        Assert.Empty(next.TaskRunList);
        Assert.Equal(2, next.Metadata.AttemptNumber);
        Assert.Equal(h.Execution.Metadata.OriginalCreatedDate, next.Metadata.OriginalCreatedDate);
        Assert.Equal(h.Execution.Inputs, next.Inputs);
        Assert.Equal(h.Execution.Labels, next.Labels);
        Assert.Equal(h.Execution.OriginalId, next.OriginalId);
    }
}
