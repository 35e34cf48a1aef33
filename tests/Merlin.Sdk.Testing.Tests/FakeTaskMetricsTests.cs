using Merlin.Sdk.Runs;
using Xunit;

namespace Merlin.Sdk.Testing.Tests;

public sealed class FakeTaskMetricsTests
{
    [Fact]
    public void Records_each_metric_on_the_task_run_as_the_worker_stores_it()
    {
        using var context = new FakeTaskRunContext();
        ITaskRunContext task = context;
        var tags = new Dictionary<string, string> { ["table"] = "orders" };

        task.Metrics.Counter("rows", 3, tags);
        task.Metrics.Timer("took", TimeSpan.FromSeconds(1.5));
        task.Metrics.Gauge("queue", -2);
        tags["table"] = "changed after the call";

        Assert.Equal([("rows", "counter", 3.0), ("took", "timer", 1500.0), ("queue", "gauge", -2.0)],
            context.Metrics.Recorded.Select(m => (m.Name, m.Type, m.Value)));
        var rows = context.Metrics.Recorded[0];
        Assert.Equal("orders", rows.Tags!["table"]);
        Assert.Empty(context.Metrics.Recorded[1].Tags!);
        Assert.Equal((context.TaskRun.Id, context.TaskRun.TaskId, context.Execution.Id, "company.team", "flow"),
            (rows.TaskRunId, rows.TaskId, rows.ExecutionId, rows.Namespace, rows.FlowId));
        Assert.Equal(1500, context.Metrics.Value("took"));
    }

    [Fact]
    public void Refuses_a_metric_without_a_name_or_with_a_value_that_is_not_finite()
    {
        using var context = new FakeTaskRunContext();

        Assert.Throws<ArgumentException>(() => context.Metrics.Counter(" ", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Metrics.Gauge("g", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Metrics.Counter("c", double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Metrics.Timer("t", TimeSpan.FromSeconds(-1)));
        Assert.Empty(context.Metrics.Recorded);
    }
}
