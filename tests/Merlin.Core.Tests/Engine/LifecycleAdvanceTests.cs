using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Retries, kill, pause/resume, crash recovery and subflows.</summary>
public sealed class LifecycleAdvanceTests
{
    private const string Header = "id: f\nnamespace: t\n";

    [Fact]
    public void A_failed_task_with_retry_goes_retrying_then_runs_again_on_the_same_task_run()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n    retry:\n      type: constant\n      interval: PT10S\n      maxAttempt: 3\n");
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        var afterFailure = h.Advance(new ExecutionEvent.TaskRunReported(first.TaskRun.Id, StateType.FAILED, null));

        Assert.Equal(StateType.RETRYING, h.Execution.State.Current);
        Assert.Equal(StateType.RETRYING, h.Run("a").State.Current);
        var wake = Assert.Single(afterFailure.OfType<ExecutionAction.WakeAt>());
        Assert.Equal(h.Now.AddSeconds(10), wake.Date);

        Assert.DoesNotContain(h.Advance(new ExecutionEvent.Wakeup()), a => a is ExecutionAction.RunTask);
        h.Tick(TimeSpan.FromSeconds(10));
        var retried = h.Advance(new ExecutionEvent.Wakeup()).OfType<ExecutionAction.RunTask>().Single();
        Assert.Equal(first.TaskRun.Id, retried.TaskRun.Id);
        Assert.Equal(2, h.Run("a").Attempts.Count);

        h.Advance(new ExecutionEvent.TaskRunReported(retried.TaskRun.Id, StateType.SUCCESS, null));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void Retry_stops_after_maxAttempt_counting_every_attempt()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 3\n").Answer("a", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Equal(3, h.Run("a").Attempts.Count);
    }

    [Fact]
    public void Flow_level_retry_applies_when_the_task_has_none()
    {
        var h = new EngineHarness(Header + "retry:\n  type: constant\n  interval: PT1S\n  maxAttempt: 2\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n")
            .Answer("a", StateType.FAILED, StateType.SUCCESS);
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(2, h.Run("a").Attempts.Count);
    }

    [Fact]
    public void Exponential_retry_has_kestras_linear_growth_and_an_immediate_first_retry()
    {
        var policy = new Merlin.Sdk.Tasks.RetryPolicy { Type = "exponential", Interval = "PT10S", MaxInterval = "PT1M", MaxAttempt = 10 };
        var now = DateTimeOffset.UnixEpoch;
        TaskRun WithAttempts(int n) => new()
        {
            Id = "r",
            ExecutionId = "e",
            Namespace = "n",
            FlowId = "f",
            TaskId = "t",
            State = State.Create(now),
            Attempts = [.. Enumerable.Range(0, n).Select(_ => new TaskRunAttempt(State.Create(now, StateType.FAILED)))],
        };

        Assert.Equal(now, RetryPlannerProbe.Next(policy, WithAttempts(1), now));
        Assert.Equal(now.AddSeconds(20), RetryPlannerProbe.Next(policy, WithAttempts(2), now));
        Assert.Equal(now.AddMinutes(1), RetryPlannerProbe.Next(policy, WithAttempts(5), now));
        Assert.Null(RetryPlannerProbe.Next(policy, WithAttempts(10), now));
    }

    [Fact]
    public void Kill_kills_waiting_and_running_task_runs_and_skips_the_errors_branch()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    concurrent: 1\n    tasks:\n      - id: a\n        type: io.kestra.plugin.core.log.Log\n        message: x\n      - id: b\n        type: io.kestra.plugin.core.log.Log\n        message: x\nerrors:\n  - id: e\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var running = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        var kill = h.Advance(new ExecutionEvent.Kill());

        Assert.Equal(StateType.KILLING, h.Execution.State.Current);
        Assert.Equal(running.TaskRun.Id, Assert.Single(kill.OfType<ExecutionAction.KillTask>()).TaskRunId);

        h.Advance(new ExecutionEvent.TaskRunReported(running.TaskRun.Id, StateType.KILLED, null));
        Assert.Equal(StateType.KILLED, h.Execution.State.Current);
        Assert.Empty(h.Runs("b"));
        Assert.Empty(h.Runs("e"));
        Assert.All(h.Execution.TaskRunList, r => Assert.True(r.State.IsTerminated));
    }

    [Fact]
    public void Pause_pauses_the_execution_until_resumed_with_inputs()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        h.Advance(new ExecutionEvent.Tick());
        Assert.Equal(StateType.PAUSED, h.Execution.State.Current);
        Assert.Equal(StateType.PAUSED, h.Run("wait").State.Current);
        Assert.Empty(h.Runs("after"));

        var resumed = h.Advance(new ExecutionEvent.Resume(new Dictionary<string, object?> { ["approved"] = "yes" }));
        Assert.Equal(StateType.SUCCESS, h.Run("wait").State.Current);
        Assert.Equal("yes", ((IReadOnlyDictionary<string, object?>)h.Run("wait").Outputs!["onResume"]!)["approved"]);
        Assert.Equal("after", Assert.Single(resumed.OfType<ExecutionAction.RunTask>()).TaskRun.TaskId);
        Assert.Contains(StateType.RESTARTED, h.Execution.State.Histories.Select(s => s.State));
    }

    [Fact]
    public void Pause_with_a_delay_resumes_by_itself()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    delay: PT5M\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var paused = h.Advance(new ExecutionEvent.Tick());
        Assert.Equal(h.Now.AddMinutes(5), Assert.Single(paused.OfType<ExecutionAction.WakeAt>()).Date);

        h.Tick(TimeSpan.FromMinutes(5));
        var resumed = h.Advance(new ExecutionEvent.Wakeup());
        Assert.Equal("after", Assert.Single(resumed.OfType<ExecutionAction.RunTask>()).TaskRun.TaskId);
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
    }

    [Fact]
    public void Recover_leaves_running_the_task_runs_a_live_worker_still_has()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var running = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();

        var actions = h.Advance(new ExecutionEvent.Recover([running.TaskRun.Id]));

        Assert.Empty(actions.OfType<ExecutionAction.RunTask>());
        Assert.Single(h.Run("a").Attempts);
        h.Advance(new ExecutionEvent.TaskRunReported(running.TaskRun.Id, StateType.SUCCESS, null));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void A_recovery_applied_after_the_start_it_was_queued_behind_leaves_the_new_task_run_alone()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        // Recovery read the execution still CREATED (no task run running), and its start was queued before the recovery.
        h.Advance(new ExecutionEvent.Tick());

        var actions = h.Advance(new ExecutionEvent.Recover(Loaded: []));

        Assert.Empty(actions.OfType<ExecutionAction.RunTask>());
        Assert.Single(h.Run("a").Attempts);
    }

    [Fact]
    public void Recover_runs_again_the_task_runs_a_crashed_worker_had()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var lost = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        var again = h.Advance(new ExecutionEvent.Recover()).OfType<ExecutionAction.RunTask>().Single();

        Assert.Equal(lost.TaskRun.Id, again.TaskRun.Id);
        Assert.Equal(StateType.KILLED, h.Run("a").Attempts[0].State.Current);
        Assert.Equal(2, h.Run("a").Attempts.Count);
        h.Advance(new ExecutionEvent.TaskRunReported(again.TaskRun.Id, StateType.SUCCESS, null));
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Single(h.Execution.TaskRunList);
    }

    [Fact]
    public void Subflow_asks_for_a_child_and_takes_its_state_and_outputs()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: child\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: other\n    inputs:\n      name: \"{{ flow.id }}\"\n");
        var start = Assert.Single(h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>());
        Assert.Equal("other", start.FlowId);
        Assert.Equal("f", start.Inputs["name"]);

        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "child1", StateType.CREATED, null));
        Assert.Equal(StateType.RUNNING, h.Run("child").State.Current);

        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "child1", StateType.FAILED, null));
        Assert.Equal(StateType.FAILED, h.Run("child").State.Current);
        Assert.Equal("child1", h.Run("child").Outputs!["executionId"]);
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
    }

    [Fact]
    public void Subflow_without_wait_succeeds_once_the_child_exists()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: child\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: other\n    wait: false\n");
        var start = Assert.Single(h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>());
        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "child1", StateType.CREATED, null));

        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal("CREATED", h.Run("child").Outputs!["state"]);
    }
}
