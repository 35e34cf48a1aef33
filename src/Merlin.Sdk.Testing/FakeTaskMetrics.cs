using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>The task's metrics in memory, as the worker would store them (a timer in milliseconds), for the test to inspect.</summary>
public sealed class FakeTaskMetrics(Func<TaskRunInfo> taskRun) : ITaskMetrics
{
    private readonly List<MetricEntry> _recorded = [];

    /// <summary>What the task recorded, in order.</summary>
    public IReadOnlyList<MetricEntry> Recorded => _recorded;

    public void Counter(string name, double value, IReadOnlyDictionary<string, string>? tags = null) => Record(MetricTypes.Counter, name, value, tags);

    public void Timer(string name, TimeSpan duration, IReadOnlyDictionary<string, string>? tags = null) =>
        Record(MetricTypes.Timer, name, duration.TotalMilliseconds, tags);

    public void Gauge(string name, double value, IReadOnlyDictionary<string, string>? tags = null) => Record(MetricTypes.Gauge, name, value, tags);

    /// <summary>The value of the only entry named <paramref name="name"/>; throws when there is none or several.</summary>
    public double Value(string name) => _recorded.Single(m => m.Name == name).Value;

    private void Record(string type, string name, double value, IReadOnlyDictionary<string, string>? tags)
    {
        MetricTypes.Validate(type, name, value);
        var run = taskRun();
        _recorded.Add(new MetricEntry
        {
            Namespace = run.Namespace,
            FlowId = run.FlowId,
            TaskId = run.TaskId,
            ExecutionId = run.ExecutionId,
            TaskRunId = run.Id,
            Type = type,
            Name = name,
            Value = value,
            Timestamp = DateTimeOffset.UtcNow,
            Tags = tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(tags, StringComparer.Ordinal),
        });
    }
}
