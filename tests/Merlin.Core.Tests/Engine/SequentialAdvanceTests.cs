using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

public sealed class SequentialAdvanceTests
{
    private const string Header = "id: f\nnamespace: t\n";

    private static string Log(string id, string extra = "") => $"  - id: {id}\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n{extra}";

    [Fact]
    public void First_advance_creates_only_the_first_task_and_the_execution_runs()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + Log("b"));
        var actions = h.Advance(new ExecutionEvent.Tick());

        Assert.Equal(StateType.RUNNING, h.Execution.State.Current);
        var run = Assert.Single(actions.OfType<ExecutionAction.RunTask>());
        Assert.Equal("a", run.TaskRun.TaskId);
        Assert.Equal(StateType.RUNNING, h.Run("a").State.Current);
        Assert.Single(h.Run("a").Attempts);
    }

    [Fact]
    public void A_task_runs_variables_are_those_of_its_start_even_when_read_after_later_advances()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + Log("b"));
        var first = Assert.Single(h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>());
        h.Run(); // "a" reports, "b" runs, the execution ends: the variables of "a" are read only now

        var taskrun = Assert.IsType<Dictionary<string, object?>>(first.Variables["taskrun"]);
        Assert.Equal(first.TaskRun.Id, taskrun["id"]);
        var tasks = Assert.IsType<Dictionary<string, object?>>(first.Variables["tasks"]);
        Assert.False(tasks.ContainsKey("b")); // "b" had not started when "a" did
    }

    [Fact]
    public void Lazy_variables_are_built_once_on_first_read_and_never_when_unread()
    {
        var builds = 0;
        var unread = new LazyVariables(() => { builds++; return new() { ["x"] = 1L }; });
        Assert.Equal(0, builds);

        var read = new LazyVariables(() => { builds++; return new() { ["x"] = 1L }; });
        Assert.Equal(1L, read["x"]);
        Assert.True(read.ContainsKey("x"));
        Assert.Single(read);
        Assert.Equal(1, builds);
        GC.KeepAlive(unread);
    }

    [Fact]
    public void Tasks_run_in_order_and_the_execution_succeeds()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + Log("b") + Log("c"));
        var end = h.Run();

        Assert.Equal(StateType.SUCCESS, end.State.Current);
        Assert.Equal(["a", "b", "c"], h.Dispatched.Select(d => d.TaskRun.TaskId));
        Assert.All(end.TaskRunList, r => Assert.Equal(StateType.SUCCESS, r.State.Current));
        Assert.NotNull(end.State.EndDate);
    }

    [Fact]
    public void A_failed_task_stops_the_sequence_and_runs_the_errors_branch_but_the_execution_fails()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + Log("b") + "errors:\n" + Log("e1") + Log("e2")).Answer("a", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Empty(h.Runs("b"));
        Assert.Equal(StateType.SUCCESS, h.Run("e1").State.Current);
        Assert.Equal(StateType.SUCCESS, h.Run("e2").State.Current);
    }

    [Fact]
    public void A_failed_errors_task_does_not_stop_the_next_errors_task()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + "errors:\n" + Log("e1") + Log("e2"))
            .Answer("a", StateType.FAILED).Answer("e1", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Equal(StateType.SUCCESS, h.Run("e2").State.Current);
    }

    [Fact]
    public void Warning_does_not_stop_the_sequence_and_makes_the_execution_warning()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + Log("b")).Answer("a", StateType.WARNING);
        Assert.Equal(StateType.WARNING, h.Run().State.Current);
        Assert.Equal(StateType.SUCCESS, h.Run("b").State.Current);
    }

    [Fact]
    public void AllowFailure_turns_failed_into_warning_and_allowWarning_into_success()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a", "    allowFailure: true\n") + Log("b", "    allowFailure: true\n    allowWarning: true\n") + Log("c"))
            .Answer("a", StateType.FAILED).Answer("b", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.WARNING, h.Run("a").State.Current);
        Assert.Equal(StateType.SUCCESS, h.Run("b").State.Current);
        Assert.Equal(StateType.FAILED, h.Run("a").Attempts[^1].State.Current);
        Assert.Equal(StateType.WARNING, end.State.Current);
    }

    [Fact]
    public void RunIf_false_skips_and_disabled_tasks_get_no_task_run()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a", "    runIf: \"{{ 1 == 2 }}\"\n") + Log("b", "    disabled: true\n") + Log("c"));
        var end = h.Run();

        Assert.Equal(StateType.SKIPPED, h.Run("a").State.Current);
        Assert.Empty(h.Runs("b"));
        Assert.Equal(StateType.SUCCESS, end.State.Current);
    }

    [Fact]
    public void A_runIf_that_cannot_render_fails_the_task_with_a_log()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a", "    runIf: \"{{ nope }}\"\n"));
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Contains(h.AllActions.OfType<ExecutionAction.Log>(), l => l.TaskId == "a" && l.Message.Contains("nope", StringComparison.Ordinal));
        Assert.Equal(StateType.FAILED, h.Run("a").State.Current);
    }

    [Fact]
    public void Flow_outputs_are_rendered_and_typed_at_the_end()
    {
        var h = new EngineHarness(Header + "tasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: \"42\"\noutputs:\n  - id: answer\n    type: INT\n    value: \"{{ outputs.r.value }}\"\n");
        var end = h.Run();

        Assert.Equal(StateType.SUCCESS, end.State.Current);
        Assert.Equal(42L, end.Outputs!["answer"]);
    }

    [Fact]
    public void Flow_outputs_that_fail_to_render_fail_the_execution()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a") + "outputs:\n  - id: x\n    type: STRING\n    value: \"{{ outputs.missing.value }}\"\n");
        Assert.Equal(StateType.FAILED, h.Run().State.Current);
    }

    [Fact]
    public void A_terminated_execution_does_not_change()
    {
        var h = new EngineHarness(Header + "tasks:\n" + Log("a"));
        var end = h.Run();
        var again = h.Advance(new ExecutionEvent.Tick());

        Assert.Empty(again);
        Assert.Same(end, h.Execution);
    }

    [Fact]
    public void Labels_task_merges_labels_and_refuses_system_ones()
    {
        var ok = new EngineHarness(Header + "tasks:\n  - id: l\n    type: io.kestra.plugin.core.execution.Labels\n    labels:\n      team: data\n");
        Assert.Equal(StateType.SUCCESS, ok.Run().State.Current);
        Assert.Contains(ok.Execution.Labels, l => l.Key == "team" && l.Value == "data");

        var bad = new EngineHarness(Header + "tasks:\n  - id: l\n    type: io.kestra.plugin.core.execution.Labels\n    labels:\n      system.x: y\n");
        Assert.Equal(StateType.FAILED, bad.Run().State.Current);
    }

    [Fact]
    public void Task_variables_carry_flow_execution_task_and_taskrun()
    {
        var h = new EngineHarness(Header + "variables:\n  greeting: \"{{ raw }}\"\ntasks:\n" + Log("a"));
        var run = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();

        var flow = (IReadOnlyDictionary<string, object?>)run.Variables["flow"]!;
        Assert.Equal("f", flow["id"]);
        Assert.Equal(1L, flow["revision"]);
        Assert.Equal("exec1", ((IReadOnlyDictionary<string, object?>)run.Variables["execution"]!)["id"]);
        Assert.Equal("a", ((IReadOnlyDictionary<string, object?>)run.Variables["task"]!)["id"]);
        Assert.Equal(run.TaskRun.Id, ((IReadOnlyDictionary<string, object?>)run.Variables["taskrun"]!)["id"]);
        Assert.Equal("{{ raw }}", ((IReadOnlyDictionary<string, object?>)run.Variables["vars"]!)["greeting"]);
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(run.Variables["envs"]);
        Assert.False(run.Variables.ContainsKey("inputs"));
    }
}
