using Merlin.Plugins.Metric;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class PublishMetricTests
{
    private readonly FakeTaskRunContext _context = new();

    [Fact]
    public async Task Records_each_rendered_metric_and_outputs_them()
    {
        _context.Renders["{{ outputs.count }}"] = 12L;
        _context.Renders["{{ flow.id }}"] = "flow";
        var task = new Publish
        {
            Metrics =
            [
                new PublishedMetric { Type = "counter", Name = "rows", Value = "{{ outputs.count }}", Tags = new() { ["flow"] = "{{ flow.id }}" } },
                new PublishedMetric { Type = "timer", Name = "took", Value = "PT2.5S" },
                new PublishedMetric { Type = "gauge", Name = "ratio", Value = 0.75 },
            ],
        };

        var result = await task.RunAsync(_context, CancellationToken.None);

        Assert.Equal([("rows", "counter", 12.0), ("took", "timer", 2500.0), ("ratio", "gauge", 0.75)],
            _context.Metrics.Recorded.Select(m => (m.Name, m.Type, m.Value)));
        Assert.Equal("flow", _context.Metrics.Recorded[0].Tags!["flow"]);
        var outputs = Assert.IsAssignableFrom<IReadOnlyList<object?>>(result.Outputs["metrics"]);
        Assert.Equal(2.5, ((IDictionary<string, object?>)outputs[1]!)["value"]);
    }

    [Fact]
    public async Task An_unknown_type_is_refused_when_saved_and_a_value_that_is_no_number_when_run()
    {
        Assert.Equal(["metrics: 'x' has an unknown type 'histogram' (counter, timer or gauge)"],
            new Publish { Metrics = [new PublishedMetric { Type = "histogram", Name = "x", Value = 1 }] }.Validate());

        var run = new Publish { Metrics = [new PublishedMetric { Type = "counter", Name = "x", Value = "many" }] };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(_context, CancellationToken.None));
        Assert.Equal("metric 'x' needs a numeric value, got 'many'", error.Message);
    }
}
