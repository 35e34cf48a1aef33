using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Subflow task runs as Kestra ends them: one attempt, outputs rendered against the child, flow retry.</summary>
public sealed class SubflowAdvanceTests
{
    private const string Child = "id: other\nnamespace: t\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.debug.Return\n    format: amazing\n";

    private static string Parent(string extra = "", string flowLevel = "") =>
        "id: f\nnamespace: t\n" + flowLevel + "tasks:\n  - id: launch\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: t\n    flowId: other\n" + extra;

    [Fact]
    public void A_subflow_task_run_has_no_attempt_while_the_child_runs_then_one_holding_its_end_state()
    {
        var h = new EngineHarness(Parent());
        var start = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>().Single();
        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "c1", StateType.CREATED, null));
        Assert.Empty(h.Run("launch").Attempts);

        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "c1", StateType.SUCCESS, null));

        var attempt = Assert.Single(h.Run("launch").Attempts);
        Assert.Equal(StateType.SUCCESS, attempt.State.Current);
        Assert.Equal(h.Run("launch").State.Histories, attempt.State.Histories);
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void The_task_outputs_render_against_the_child_execution()
    {
        var child = new EngineHarness(Child);
        child.Run();
        var h = new EngineHarness(Parent("    outputs:\n      extracted: \"{{ outputs.hello.value }} from {{ flow.id }}\"\n"));
        var start = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>().Single();

        h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "c1", StateType.SUCCESS, null, child.Execution, child.Flow));

        var outputs = (IReadOnlyDictionary<string, object?>)h.Run("launch").Outputs!["outputs"]!;
        Assert.Equal("amazing from other", outputs["extracted"]);
        Assert.Equal(StateType.SUCCESS, h.Execution.State.Current);
    }

    [Fact]
    public void An_output_that_fails_to_render_fails_the_task_run_with_one_failed_attempt()
    {
        var child = new EngineHarness(Child);
        child.Run();
        var h = new EngineHarness(Parent("    outputs:\n      extracted: \"{{ outputs.missing.value }}\"\n"));
        var start = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>().Single();

        var actions = h.Advance(new ExecutionEvent.SubflowReported(start.TaskRun.Id, "c1", StateType.SUCCESS, null, child.Execution, child.Flow));

        Assert.Equal(StateType.FAILED, Assert.Single(h.Run("launch").Attempts).State.Current);
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        Assert.Contains(actions.OfType<ExecutionAction.Log>(), l => l.Level == LogLevel.WARN && l.Message.StartsWith("Failed to extract outputs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_flow_retry_starts_a_new_child_until_the_attempts_are_used_up()
    {
        var h = new EngineHarness(Parent(flowLevel: "retry:\n  type: constant\n  interval: PT1S\n  maxAttempt: 3\n"));
        var starts = new List<ExecutionAction.StartSubflow> { h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartSubflow>().Single() };
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var wake = h.Advance(new ExecutionEvent.SubflowReported(starts[^1].TaskRun.Id, "c" + attempt, StateType.FAILED, null)).OfType<ExecutionAction.WakeAt>().Single();
            Assert.Equal(StateType.RETRYING, h.Execution.State.Current);
            h.Tick(wake.Date - h.Now);
            starts.Add(h.Advance(new ExecutionEvent.Wakeup()).OfType<ExecutionAction.StartSubflow>().Single());
        }

        h.Advance(new ExecutionEvent.SubflowReported(starts[^1].TaskRun.Id, "c3", StateType.FAILED, null));

        Assert.Equal(3, h.Run("launch").Attempts.Count);
        Assert.All(h.Run("launch").Attempts, a => Assert.Equal(StateType.FAILED, a.State.Current));
        Assert.Equal(StateType.FAILED, h.Execution.State.Current);
        Assert.Single(h.Execution.TaskRunList);
    }
}
