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
}
