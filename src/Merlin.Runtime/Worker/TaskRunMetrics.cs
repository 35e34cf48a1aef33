using Merlin.Core.Executions;
using Merlin.Runtime.Metrics;

namespace Merlin.Runtime.Worker;

/// <summary>
/// The attempt's <see cref="ITaskMetrics"/>: entries are kept in memory (a record is a list add) and stored together by
/// <see cref="Flush"/> when the attempt ends, so an abandoned attempt (moved off the executor loop) leaves none.
/// </summary>
public sealed class TaskRunMetrics(TaskRun taskRun, TaskMetricWriter writer, TimeProvider clock) : ITaskMetrics
{
    private readonly Lock _gate = new();
    private List<MetricEntry> _recorded = [];

    public void Counter(string name, double value, IReadOnlyDictionary<string, string>? tags = null) => Record(MetricTypes.Counter, name, value, tags);

    public void Timer(string name, TimeSpan duration, IReadOnlyDictionary<string, string>? tags = null) =>
        Record(MetricTypes.Timer, name, duration.TotalMilliseconds, tags);

    public void Gauge(string name, double value, IReadOnlyDictionary<string, string>? tags = null) => Record(MetricTypes.Gauge, name, value, tags);

    /// <summary>Hands what was recorded to the writer (not awaited by the task: the writer reports its own failures).</summary>
    public Task Flush()
    {
        List<MetricEntry> recorded;
        lock (_gate)
        {
            (recorded, _recorded) = (_recorded, []);
        }

        return writer.WriteAsync(taskRun.ExecutionId, recorded);
    }

    private void Record(string type, string name, double value, IReadOnlyDictionary<string, string>? tags)
    {
        MetricTypes.Validate(type, name, value);
        var entry = new MetricEntry
        {
            Namespace = taskRun.Namespace,
            FlowId = taskRun.FlowId,
            TaskId = taskRun.TaskId,
            ExecutionId = taskRun.ExecutionId,
            TaskRunId = taskRun.Id,
            Type = type,
            Name = name,
            Value = value,
            Timestamp = clock.GetUtcNow(),
            Tags = tags is null ? new Dictionary<string, string>() : new Dictionary<string, string>(tags, StringComparer.Ordinal), // Kestra answers {} when none
        };
        lock (_gate)
        {
            _recorded.Add(entry);
        }
    }
}
