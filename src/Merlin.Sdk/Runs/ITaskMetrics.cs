namespace Merlin.Sdk.Runs;

/// <summary>
/// Metrics of the task run (Kestra's <c>runContext.metric(...)</c>): each call is one entry of the task run, stored when the
/// attempt ends, served by <c>/api/v1/metrics</c> and exported to Prometheus. Tags describe the entry; they are kept with it.
/// </summary>
public interface ITaskMetrics
{
    /// <summary>Records a counter (a count of things, e.g. rows read).</summary>
    /// <exception cref="ArgumentException">The name is empty or the value is not a finite number.</exception>
    void Counter(string name, double value, IReadOnlyDictionary<string, string>? tags = null);

    /// <summary>Records a timer (a duration; stored in milliseconds, as Kestra does).</summary>
    /// <exception cref="ArgumentException">The name is empty or the duration is negative.</exception>
    void Timer(string name, TimeSpan duration, IReadOnlyDictionary<string, string>? tags = null);

    /// <summary>Records a gauge (a value at this moment, e.g. a queue's length).</summary>
    /// <exception cref="ArgumentException">The name is empty or the value is not a finite number.</exception>
    void Gauge(string name, double value, IReadOnlyDictionary<string, string>? tags = null);
}
