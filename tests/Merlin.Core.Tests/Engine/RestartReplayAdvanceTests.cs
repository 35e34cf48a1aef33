using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Restart, replay, pause by hand, change of status and labels of a terminated execution.</summary>
public sealed class RestartReplayAdvanceTests
{
    private const string Header = "id: f\nnamespace: t\n";

    private const string FourTasks = Header + "tasks:\n"
        + "  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n"
        + "  - id: b\n    type: io.kestra.plugin.core.log.Log\n    message: b\n"
        + "  - id: c\n    type: io.kestra.plugin.core.log.Log\n    message: c\n"
        + "  - id: d\n    type: io.kestra.plugin.core.log.Log\n    message: d\n";

    private const string NestedEach = Header + "tasks:\n"
        + "  - id: each\n    type: io.kestra.plugin.core.flow.EachSequential\n    value: [\"x\", \"y\"]\n    tasks:\n"
        + "      - id: first\n        type: io.kestra.plugin.core.log.Log\n        message: one\n"
        + "      - id: second\n        type: io.kestra.plugin.core.log.Log\n        message: two\n"
        + "  - id: end\n    type: io.kestra.plugin.core.log.Log\n    message: end\n";

    [Fact]
    public void Restart_shows_RESTARTED_first_then_runs_the_failed_task_again_as_a_second_attempt()
    {
        var h = new EngineHarness(FourTasks).Answer("c", StateType.FAILED, StateType.SUCCESS);
        h.Run();
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        var failedRun = h.Run("c");

        var actions = h.Advance(new ExecutionEvent.Restart());
        Assert.Equal(StateType.RESTARTED, h.Execution.State.Current);
        Assert.Equal(StateType.RESTARTED, h.Run("c").State.Current);
        Assert.Equal(failedRun.Id, h.Run("c").Id);
        Assert.Equal(2, h.Execution.Metadata.AttemptNumber);
        Assert.IsType<ExecutionAction.Continue>(Assert.Single(actions));

        h.Run();
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal(2, h.Run("c").Attempts.Count);
        Assert.Single(h.Run("a").Attempts);
        Assert.Equal([StateType.CREATED, StateType.RUNNING, StateType.FAILED, StateType.RESTARTED, StateType.RUNNING, StateType.SUCCESS],
            h.Execution.State.Histories.Select(s => s.State));
    }

    [Fact]
    public void Restart_of_an_execution_without_a_failed_task_run_changes_nothing()
    {
        var h = new EngineHarness(FourTasks);
        var done = h.Run();
        Assert.False(Restarting.CanRestart(done));
        Assert.Empty(h.Advance(new ExecutionEvent.Restart()));
        Assert.Same(done, h.Execution);
    }

    [Fact]
    public void Replay_from_a_task_run_keeps_the_runs_before_it_under_new_ids_and_drops_those_after()
    {
        var h = new EngineHarness(FourTasks);
        var original = h.Run();
        var from = h.Run("b");

        var replay = Replaying.Replay(h.Flow, original, from.Id, "exec2", null, h.Now, h.Ids)!;
        Assert.Equal("exec2", replay.Id);
        Assert.Equal("exec1", replay.ParentId);
        Assert.Equal("exec1", replay.OriginalId);
        Assert.Equal(StateType.RESTARTED, replay.State.Current);
        Assert.Equal(["a", "b"], replay.TaskRunList.Select(r => r.TaskId));
        Assert.Equal([StateType.SUCCESS, StateType.RESTARTED], replay.TaskRunList.Select(r => r.State.Current));
        Assert.All(replay.TaskRunList, r => Assert.Equal("exec2", r.ExecutionId));
        Assert.DoesNotContain(replay.TaskRunList, r => original.FindTaskRun(r.Id) is not null);

        h.Load(replay);
        h.Run();
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal(["a", "b", "c", "d"], h.Execution.TaskRunList.Select(r => r.TaskId));
        Assert.Equal(2, h.Run("b").Attempts.Count);
    }

    [Fact]
    public void Replay_inside_a_sequential_loop_drops_later_runs_of_the_loop_and_what_follows_it()
    {
        var h = new EngineHarness(NestedEach);
        var original = h.Run();
        var from = h.Run("second", "x");

        var replay = Replaying.Replay(h.Flow, original, from.Id, "exec2", null, h.Now, h.Ids)!;
        // Kestra chains a loop's runs task by task (first[x], first[y], second[x], second[y]): only second[y] comes after.
        Assert.Equal(["each", "first:x", "second:x", "first:y"], replay.TaskRunList.Select(r => r.Value is null ? r.TaskId : $"{r.TaskId}:{r.Value}"));
        Assert.Equal(StateType.RUNNING, replay.TaskRunList[0].State.Current);

        h.Load(replay);
        h.Run();
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
        Assert.Equal(6, h.Execution.TaskRunList.Count);
    }

    [Fact]
    public void Replay_from_an_unknown_task_run_is_refused_and_from_the_start_is_a_fresh_execution()
    {
        var h = new EngineHarness(FourTasks);
        var original = h.Run();
        Assert.Null(Replaying.Replay(h.Flow, original, "nope", "exec2", null, h.Now, h.Ids));

        var fresh = Replaying.Replay(h.Flow, original, null, "exec3", 4, h.Now, h.Ids)!;
        Assert.Equal(StateType.CREATED, fresh.State.Current);
        Assert.Empty(fresh.TaskRunList);
        Assert.Equal(4, fresh.FlowRevision);
        Assert.Equal(2, fresh.Metadata.AttemptNumber);
    }

    [Fact]
    public void Pause_by_hand_stops_new_task_runs_until_resumed()
    {
        var h = new EngineHarness(FourTasks);
        h.Advance(new ExecutionEvent.Tick());
        var running = h.Run("a");
        h.Advance(new ExecutionEvent.Pause());
        Assert.Equal(StateType.PAUSED, h.Execution.State.Current);

        Assert.Empty(h.Advance(new ExecutionEvent.TaskRunReported(running.Id, StateType.SUCCESS, null)));
        Assert.Empty(h.Runs("b"));

        var resumed = h.Advance(new ExecutionEvent.Resume(null));
        Assert.Equal("b", Assert.Single(resumed.OfType<ExecutionAction.RunTask>()).TaskRun.TaskId);
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
    }

    [Fact]
    public void A_terminated_execution_takes_a_new_terminal_status_and_new_labels_and_nothing_else()
    {
        var h = new EngineHarness(FourTasks);
        h.Run();
        h.Advance(new ExecutionEvent.ChangeStatus(StateType.FAILED));
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);

        h.Advance(new ExecutionEvent.ChangeStatus(StateType.RUNNING));
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);

        h.Advance(new ExecutionEvent.SetLabels([new Label("team", "data")]));
        Assert.Equal(new Label("team", "data"), Assert.Single(h.Execution.Labels));
        Assert.Empty(h.Advance(new ExecutionEvent.Tick()));
    }
}
