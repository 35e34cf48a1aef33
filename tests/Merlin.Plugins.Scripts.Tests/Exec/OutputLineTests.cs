using Merlin.Core.Executions;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Tests.Exec;

public sealed class OutputLineTests
{
    [Theory]
    [InlineData("::{\"outputs\":{}}::", "{\"outputs\":{}}")]
    [InlineData("::{}::", "{}")]
    [InlineData("echo ::{\"outputs\":{}}::", null)]
    [InlineData("::{\"outputs\":{}}:: trailing", null)]
    [InlineData("::[1]::", null)]
    [InlineData("plain", null)]
    public void Only_a_whole_line_between_double_colons_is_a_protocol_line(string line, string? json) =>
        Assert.Equal(json, OutputLine.Match(line));

    [Fact]
    public void Outputs_metrics_and_logs_are_read_with_their_types_and_levels()
    {
        var parsed = OutputLine.Parse("""
            {"outputs":{"n":1.5,"list":[1,"a"],"nested":{"ok":true}},
             "metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"t"}},{"name":"took","type":"timer","value":0.25}],
             "logs":[{"level":"WARNING","message":"w"},{"level":"DEBUG","message":"d"},{"level":"nonsense","message":"i"}]}
            """);

        Assert.Equal(1.5m, Convert.ToDecimal(parsed.Outputs["n"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(true, ((IReadOnlyDictionary<string, object?>)parsed.Outputs["nested"]!)["ok"]);
        Assert.Equal([("rows", "counter", 3.0), ("took", "timer", 0.25)], parsed.Metrics.Select(m => (m.Name, m.Type, m.Value)));
        Assert.Equal("t", parsed.Metrics[0].Tags["table"]);
        Assert.Equal([(LogLevel.WARN, "w"), (LogLevel.DEBUG, "d"), (LogLevel.INFO, "i")], parsed.Logs);
    }

    [Fact]
    public void A_metric_without_a_numeric_value_is_refused()
    {
        Assert.Throws<FormatException>(() => OutputLine.Parse("""{"metrics":[{"name":"x","value":"3"}]}"""));
    }

    [Fact]
    public void A_timer_is_seconds_or_an_iso_duration_and_a_gauge_a_number()
    {
        var parsed = OutputLine.Parse("""
            {"metrics":[{"name":"a","type":"timer","value":"PT1.5S"},{"name":"b","type":"timer","value":2},{"name":"c","type":"gauge","value":-4.5}]}
            """);

        Assert.Equal([("a", "timer", 1.5), ("b", "timer", 2.0), ("c", "gauge", -4.5)], parsed.Metrics.Select(m => (m.Name, m.Type, m.Value)));
    }

    [Theory]
    [InlineData("""{"name":"x","type":"histogram","value":1}""", "unknown type 'histogram'")]
    [InlineData("""{"name":"x","type":"timer","value":-1}""", "timer 'x' needs a duration")]
    [InlineData("""{"name":"x","type":"timer","value":"soon"}""", "timer 'x' needs a duration")]
    [InlineData("""{"name":"x","type":"counter"}""", "metric 'x' needs a value")]
    [InlineData("""{"type":"counter","value":1}""", "a metric needs a name")]
    public void A_metric_of_an_unknown_type_or_a_bad_value_is_refused_with_the_reason(string metric, string reason)
    {
        var error = Assert.Throws<FormatException>(() => OutputLine.Parse($$"""{"metrics":[{{metric}}]}"""));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
