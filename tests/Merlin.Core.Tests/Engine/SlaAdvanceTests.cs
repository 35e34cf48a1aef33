using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Flow SLAs: MAX_DURATION by a wake-up at the deadline, EXECUTION_ASSERTION on every change.</summary>
public sealed class SlaAdvanceTests
{
    private const string Sleep = "tasks:\n  - id: sleep\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT2S\n";

    [Fact]
    public void A_max_duration_sla_asks_for_a_wakeup_at_its_deadline_and_then_fails_the_execution()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nsla:\n  - id: max\n    type: MAX_DURATION\n    behavior: FAIL\n    duration: PT0.5S\n" + Sleep);
        var actions = h.Advance(new ExecutionEvent.Tick());
        var wake = actions.OfType<ExecutionAction.WakeAt>().Single();
        var sleep = actions.OfType<ExecutionAction.RunTask>().Single();
        Assert.Equal(h.Execution.State.StartDate + TimeSpan.FromSeconds(0.5), wake.Date);

        h.Tick(TimeSpan.FromSeconds(1));
        var afterDeadline = h.Advance(new ExecutionEvent.Wakeup());

        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        Assert.Equal(StateType.FAILED, h.Run("sleep").State.Current);
        Assert.Contains(afterDeadline.OfType<ExecutionAction.KillTask>(), k => k.TaskRunId == sleep.TaskRun.Id);
        Assert.Contains(afterDeadline.OfType<ExecutionAction.Log>(), l => l.Level == LogLevel.ERROR && l.Message.StartsWith("Execution failed due to SLA 'max' violated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_max_duration_sla_not_reached_changes_nothing()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nsla:\n  - id: max\n    type: MAX_DURATION\n    behavior: FAIL\n    duration: PT1H\n" + Sleep);
        var sleep = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        h.Tick(TimeSpan.FromSeconds(2));
        h.Advance(new ExecutionEvent.TaskRunReported(sleep.TaskRun.Id, StateType.SUCCESS, null));

        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void A_false_assertion_with_behavior_none_adds_its_labels_once_and_lets_the_execution_run()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nsla:\n  - id: check\n    type: EXECUTION_ASSERTION\n    behavior: NONE\n    assert: \"{{ 1 == 2 }}\"\n    labels:\n      sla: violated\n" + Sleep);
        h.Run();

        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal([new Label("sla", "violated")], h.Execution.Labels);
        Assert.Single(h.AllActions.OfType<ExecutionAction.Log>(), l => l.Message.StartsWith("SLA 'check' violated: assertion is false", StringComparison.Ordinal));
    }

    [Fact]
    public void A_false_assertion_with_behavior_cancel_cancels_the_execution()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nsla:\n  - id: check\n    type: EXECUTION_ASSERTION\n    behavior: CANCEL\n    assert: \"false\"\n" + Sleep);
        h.Advance(new ExecutionEvent.Tick());

        Assert.Equal(StateType.CANCELLED, h.Execution.State.Current);
    }

    [Fact]
    public void A_true_assertion_changes_nothing()
    {
        var h = new EngineHarness("id: f\nnamespace: t\nsla:\n  - id: check\n    type: EXECUTION_ASSERTION\n    behavior: FAIL\n    assert: \"{{ flow.id == 'f' }}\"\n" + Sleep);
        h.Run();

        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Empty(h.Execution.Labels);
    }
}
