using System.Globalization;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.Metric;

/// <summary>
/// Publishes metrics on its task run (Kestra's <c>metric.Publish</c>): each of <see cref="Metrics"/> is rendered and recorded
/// like a script's, served by <c>/api/v1/metrics</c>; outputs <c>metrics</c>, what was recorded (a timer's value in seconds).
/// </summary>
[Plugin("io.kestra.plugin.core.metric.Publish")]
public sealed class Publish : RunnableTask, IValidatableTask
{
    /// <summary>The metrics: each with <c>type</c> (counter, timer, gauge), <c>name</c>, <c>value</c> (a timer's an ISO-8601 duration or seconds) and <c>tags</c>.</summary>
    [Required] public List<PublishedMetric>? Metrics { get; init; }

    public IEnumerable<string> Validate() =>
        (Metrics ?? []).Where(m => m.Type is not (MetricTypes.Counter or MetricTypes.Timer or MetricTypes.Gauge))
            .Select(m => $"metrics: '{m.Name}' has an unknown type '{m.Type}' (counter, timer or gauge)");

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var published = new List<object?>();
        foreach (var metric in Metrics ?? [])
        {
            var name = context.Render(metric.Name) ?? "";
            var tags = (metric.Tags ?? []).ToDictionary(t => t.Key, t => Text(context.RenderValue(t.Value)), StringComparer.Ordinal);
            var value = context.RenderValue(metric.Value);
            double recorded;
            if (metric.Type == MetricTypes.Timer)
            {
                var duration = value is string text && IsoDuration.TryParse(text, out var parsed) ? parsed : TimeSpan.FromSeconds(Number(name, value));
                context.Metrics.Timer(name, duration, tags);
                recorded = duration.TotalSeconds;
            }
            else
            {
                recorded = Number(name, value);
                if (metric.Type == MetricTypes.Gauge)
                {
                    context.Metrics.Gauge(name, recorded, tags);
                }
                else
                {
                    context.Metrics.Counter(name, recorded, tags);
                }
            }

            published.Add(new Dictionary<string, object?> { ["type"] = metric.Type, ["name"] = name, ["value"] = recorded, ["tags"] = tags });
        }

        return Task.FromResult(TaskResult.Of(("metrics", published)));
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static double Number(string name, object? value) => value switch
    {
        IConvertible number when value is not string && value is not bool => number.ToDouble(CultureInfo.InvariantCulture),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new InvalidOperationException($"metric '{name}' needs a numeric value, got '{Text(value)}'"),
    };
}
