using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

public sealed class FlowableAdvanceTests
{
    private const string Header = "id: f\nnamespace: t\ntasks:\n";

    private static string Log(string id, int indent, string extra = "")
    {
        var pad = new string(' ', indent);
        return $"{pad}- id: {id}\n{pad}  type: io.kestra.plugin.core.log.Log\n{pad}  message: hi\n{extra}";
    }

    [Fact]
    public void Parallel_starts_every_child_at_once()
    {
        var h = new EngineHarness(Header + "  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" + Log("a", 6) + Log("b", 6) + Log("c", 6));
        var actions = h.Advance(new ExecutionEvent.Tick());

        Assert.Equal(["a", "b", "c"], actions.OfType<ExecutionAction.RunTask>().Select(r => r.TaskRun.TaskId));
        Assert.All(h.Execution.TaskRunList.Where(r => r.TaskId != "p"), r => Assert.Equal(h.Run("p").Id, r.ParentTaskRunId));
    }

    [Fact]
    public void Parallel_respects_concurrent()
    {
        var h = new EngineHarness(Header + "  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    concurrent: 2\n    tasks:\n" + Log("a", 6) + Log("b", 6) + Log("c", 6));
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().ToList();
        Assert.Equal(2, first.Count);

        var next = h.Advance(new ExecutionEvent.TaskRunReported(first[0].TaskRun.Id, StateType.SUCCESS, null)).OfType<ExecutionAction.RunTask>();
        Assert.Equal("c", Assert.Single(next).TaskRun.TaskId);
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
    }

    [Fact]
    public void Parallel_failure_fails_the_parent_after_running_siblings_end()
    {
        var h = new EngineHarness(Header + "  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" + Log("a", 6) + Log("b", 6)).Answer("a", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Equal(StateType.FAILED, h.Run("p").State.Current);
        Assert.All(end.TaskRunList, r => Assert.True(r.State.IsTerminated));
    }

    [Theory]
    [InlineData("true", "yes")]
    [InlineData("false", "no")]
    public void If_runs_the_branch_of_its_condition_once(string condition, string expected)
    {
        var h = new EngineHarness(Header + $"  - id: i\n    type: io.kestra.plugin.core.flow.If\n    condition: \"{{{{ {condition} }}}}\"\n    then:\n" + Log("yes", 6) + "    else:\n" + Log("no", 6));
        var end = h.Run();

        Assert.Equal(StateType.SUCCESS, end.State.Current);
        Assert.Single(h.Runs(expected));
        Assert.Equal(condition == "true", h.Run("i").Outputs!["evaluationResult"]);
        Assert.Equal(3 - 1, end.TaskRunList.Count);
    }

    [Fact]
    public void If_without_else_and_a_false_condition_succeeds()
    {
        var h = new EngineHarness(Header + "  - id: i\n    type: io.kestra.plugin.core.flow.If\n    condition: \"false\"\n    then:\n" + Log("yes", 6));
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Empty(h.Runs("yes"));
    }

    [Theory]
    [InlineData("b", "case_b")]
    [InlineData("zzz", "fallback")]
    public void Switch_runs_the_matching_case_or_the_defaults(string value, string expected)
    {
        var h = new EngineHarness(Header + $"  - id: s\n    type: io.kestra.plugin.core.flow.Switch\n    value: \"{value}\"\n    cases:\n      a:\n" + Log("case_a", 8) + "      b:\n" + Log("case_b", 8) + "    defaults:\n" + Log("fallback", 6));
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Single(h.Runs(expected));
        Assert.Equal(value, h.Run("s").Outputs!["value"]);
    }

    [Fact]
    public void Switch_without_match_and_defaults_fails()
    {
        var h = new EngineHarness(Header + "  - id: s\n    type: io.kestra.plugin.core.flow.Switch\n    value: nothing\n    cases:\n      a:\n" + Log("case_a", 8));
        Assert.Equal(StateType.FAILED, h.Run().State.Current);
    }

    [Fact]
    public void ForEach_runs_iterations_one_after_another_by_default_with_values_and_outputs()
    {
        var h = new EngineHarness(Header + "  - id: loop\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [\"x\", \"y\", \"x\", 1]\n    tasks:\n      - id: r\n        type: io.kestra.plugin.core.debug.Return\n        format: \"{{ taskrun.value }}\"\n  - id: after\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ outputs.r['y'].value }}\"\n");
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>();
        Assert.Equal("x", Assert.Single(first).TaskRun.Value);

        var end = h.Run();
        Assert.Equal(StateType.SUCCESS, end.State.Current);
        Assert.Equal(["x", "y", "1"], h.Runs("r").Select(r => r.Value));
        Assert.Equal("y", h.Run("after").Outputs!["value"]);
    }

    [Fact]
    public void ForEach_with_concurrency_zero_starts_every_iteration_and_keeps_each_in_order()
    {
        var h = new EngineHarness(Header + "  - id: loop\n    type: io.kestra.plugin.core.flow.ForEach\n    values: '[\"a\", \"b\", \"c\"]'\n    concurrencyLimit: 0\n    tasks:\n" + Log("one", 6) + Log("two", 6));
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().ToList();

        Assert.Equal(3, first.Count);
        Assert.All(first, r => Assert.Equal("one", r.TaskRun.TaskId));
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(1 + 6, h.Execution.TaskRunList.Count);
    }

    [Fact]
    public void ForEach_with_a_bad_values_string_fails_the_loop()
    {
        var h = new EngineHarness(Header + "  - id: loop\n    type: io.kestra.plugin.core.flow.ForEach\n    values: 'not json'\n    tasks:\n" + Log("one", 6));
        Assert.Equal(StateType.FAILED, h.Run().State.Current);
    }

    [Fact]
    public void Dag_starts_tasks_when_their_dependencies_are_done()
    {
        var h = new EngineHarness(Header + "  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: t1\n          type: io.kestra.plugin.core.log.Log\n          message: x\n      - task:\n          id: t2\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [t1]\n      - task:\n          id: t3\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [t1]\n      - task:\n          id: t4\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [t2, t3]\n");
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>();
        Assert.Equal("t1", Assert.Single(first).TaskRun.TaskId);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        var order = h.Dispatched.Select(d => d.TaskRun.TaskId).ToList();
        Assert.True(order.IndexOf("t4") > order.IndexOf("t2") && order.IndexOf("t4") > order.IndexOf("t3"));
    }

    [Fact]
    public void AllowFailure_flowable_turns_a_failed_child_into_warning_and_the_flow_continues()
    {
        var h = new EngineHarness(Header + "  - id: af\n    type: io.kestra.plugin.core.flow.AllowFailure\n    tasks:\n" + Log("bad", 6) + Log("never", 6) + Log("after", 2)).Answer("bad", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.WARNING, h.Run("af").State.Current);
        Assert.Empty(h.Runs("never"));
        Assert.Equal(StateType.SUCCESS, h.Run("after").State.Current);
        Assert.Equal(StateType.WARNING, end.State.Current);
    }

    [Fact]
    public void A_flowable_errors_branch_runs_then_the_failure_moves_up()
    {
        var h = new EngineHarness(Header + "  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n" + Log("bad", 6) + "    errors:\n" + Log("local", 6) + "errors:\n" + Log("global", 2)).Answer("bad", StateType.FAILED);
        var end = h.Run();

        Assert.Equal(StateType.FAILED, end.State.Current);
        Assert.Equal(StateType.FAILED, h.Run("seq").State.Current);
        var order = h.Dispatched.Select(d => d.TaskRun.TaskId).ToList();
        Assert.Equal(["bad", "local", "global"], order);
    }

    [Fact]
    public void Nested_loops_address_outputs_by_both_values()
    {
        var h = new EngineHarness(Header + "  - id: outer\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [\"a\", \"b\"]\n    tasks:\n      - id: inner\n        type: io.kestra.plugin.core.flow.ForEach\n        values: [\"1\", \"2\"]\n        tasks:\n          - id: r\n            type: io.kestra.plugin.core.debug.Return\n            format: \"{{ parent.taskrun.value }}-{{ taskrun.value }}\"\n  - id: read\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ outputs.r['b']['2'].value }}\"\n");
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal("b-2", h.Run("read").Outputs!["value"]);
    }
}
