using Merlin.Plugins.Scripts.Exec;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Testing;

namespace Merlin.Plugins.Scripts.Tests.Exec;

public sealed class ScriptLogConsumerTests
{
    [Fact]
    public void Every_metric_of_a_protocol_line_is_recorded_on_the_task_run_and_not_logged()
    {
        using var context = new FakeTaskRunContext();
        var consumer = new ScriptLogConsumer(context);

        consumer.Accept("""::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"t"}},{"name":"took","type":"timer","value":0.25}]}::""", isStdErr: false);
        consumer.Accept("""::{"metrics":[{"name":"queue","type":"gauge","value":7}]}::""", isStdErr: false);

        var recorded = context.Metrics.Recorded;
        Assert.Equal([("rows", MetricTypes.Counter, 3.0), ("took", MetricTypes.Timer, 250.0), ("queue", MetricTypes.Gauge, 7.0)],
            recorded.Select(m => (m.Name, m.Type, m.Value)));
        Assert.Equal("t", recorded[0].Tags!["table"]);
        Assert.All(recorded, m => Assert.Equal(context.TaskRun.Id, m.TaskRunId));
        Assert.Empty(context.Logs.Lines);
    }

    [Fact]
    public void A_line_with_a_bad_metric_records_nothing_and_warns()
    {
        using var context = new FakeTaskRunContext();
        var consumer = new ScriptLogConsumer(context);

        consumer.Accept("""::{"metrics":[{"name":"ok","value":1},{"name":"bad","type":"timer","value":"later"}]}::""", isStdErr: false);

        Assert.Empty(context.Metrics.Recorded);
        Assert.Contains(context.Logs.Lines, l => l.Level == LogLevel.WARN && l.Message.Contains("timer 'bad' needs a duration", StringComparison.Ordinal));
    }
}
