using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

public sealed class WaitForAndScheduleTests
{
    private const string WaitFor = "id: f\nnamespace: t\ntasks:\n  - id: w\n    type: io.kestra.plugin.core.flow.WaitFor\n    condition: \"{{{{ outputs.r[1] is defined }}}}\"\n    checkFrequency:\n      interval: PT1M\n      maxIterations: {0}\n    failOnMaxReached: {1}\n    tasks:\n      - id: r\n        type: io.kestra.plugin.core.debug.Return\n        format: \"{{{{ taskrun.iteration }}}}\"\n";

    [Fact]
    public void WaitFor_runs_rounds_until_the_condition_holds_waiting_the_interval_between()
    {
        var h = new EngineHarness(string.Format(System.Globalization.CultureInfo.InvariantCulture, WaitFor, 10, "false").Replace("outputs.r[1] is defined", "(outputs.w.iterationCount ?? 1) >= 3", StringComparison.Ordinal));
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.RunTask>().Single();
        Assert.Equal(1, first.TaskRun.Iteration);

        var ended = h.Advance(new ExecutionEvent.TaskRunReported(first.TaskRun.Id, StateType.SUCCESS, null));
        var wake = Assert.Single(ended.OfType<ExecutionAction.WakeAt>());
        Assert.Equal(h.Now.AddMinutes(1), wake.Date);
        Assert.Empty(h.Advance(new ExecutionEvent.Wakeup()).OfType<ExecutionAction.RunTask>());

        var end = h.Run();
        Assert.Equal(StateType.SUCCESS, end.State.Current);
        Assert.Equal([1, 2, 3], h.Runs("r").Select(r => r.Iteration ?? 0));
        Assert.Equal(3L, h.Run("w").Outputs!["iterationCount"]);
    }

    [Theory]
    [InlineData("false", StateType.SUCCESS)]
    [InlineData("true", StateType.FAILED)]
    public void WaitFor_stops_at_maxIterations(string failOnMaxReached, StateType expected)
    {
        var h = new EngineHarness(string.Format(System.Globalization.CultureInfo.InvariantCulture, WaitFor, 2, failOnMaxReached).Replace("outputs.r[1] is defined", "false", StringComparison.Ordinal));
        var end = h.Run();
        Assert.True(expected == end.State.Current, string.Join("\n", end.TaskRunList.Select(r => $"{r.TaskId} {r.State.Current} {r.Iteration}")) + string.Join("\n", h.AllActions));
        Assert.Equal(2, h.Runs("r").Count());
    }

    [Fact]
    public void An_execution_scheduled_for_later_waits_until_its_date()
    {
        var h = new EngineHarness("id: f\nnamespace: t\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n");
        var later = h.Now.AddHours(1);
        typeof(EngineHarness).GetProperty(nameof(EngineHarness.Execution))!.SetValue(h, h.Execution with { ScheduleDate = later });

        var actions = h.Advance(new ExecutionEvent.Tick());
        Assert.Equal(later, Assert.Single(actions.OfType<ExecutionAction.WakeAt>()).Date);
        Assert.Equal(StateType.CREATED, h.Execution.State.Current);

        h.Tick(TimeSpan.FromHours(1));
        Assert.Single(h.Advance(new ExecutionEvent.Wakeup()).OfType<ExecutionAction.RunTask>());
    }
}
