using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Merlin.Runtime.Metrics;

/// <summary>
/// The metrics tasks record, as instruments of meter <c>Merlin.Tasks</c> (served at <c>/metrics</c>): a counter, a timer
/// histogram (seconds) and a gauge, each labelled by namespace, flow, task and the metric's name. The metric's own tags
/// are not labels: their values are the task's to choose (ids, file names...), so each would be a new series; they stay
/// in the stored entries (<c>/api/v1/metrics</c>). The number of series is also capped by the exporter (docs/metrics.md).
/// </summary>
public sealed class TaskMetricsMeter
{
    public const string MeterName = "Merlin.Tasks";

    /// <summary>The seconds a timer's histogram splits at: from 5 ms to an hour, as the task-run durations.</summary>
    private static readonly double[] TimerBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Counter<double> _counter;
    private readonly Histogram<double> _timer;
    private readonly Gauge<double> _gauge;

    /// <param name="meters">The host's; without one (a worker built by hand, in tests) the instruments have no listener.</param>
    public TaskMetricsMeter(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _counter = meter.CreateCounter<double>("merlin.task.counter", null, "Counters recorded by tasks (a script's ::{\"metrics\":[...]}:: line, a metric Publish task...), summed");
        _timer = meter.CreateHistogram<double>("merlin.task.timer", "s", "Timers recorded by tasks",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TimerBuckets });
        _gauge = meter.CreateGauge<double>("merlin.task.gauge", null, "Gauges recorded by tasks: the last value");
    }

    /// <summary>Adds an entry to its instrument (a timer's value is in milliseconds, as stored).</summary>
    public void Record(MetricEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tags = new TagList { { "namespace", entry.Namespace }, { "flow", entry.FlowId }, { "task", entry.TaskId }, { "metric", entry.Name } };
        switch (entry.Type)
        {
            case MetricTypes.Counter:
                _counter.Add(entry.Value, tags);
                break;
            case MetricTypes.Timer:
                _timer.Record(entry.Value / 1000, tags);
                break;
            default:
                _gauge.Record(entry.Value, tags);
                break;
        }
    }
}
