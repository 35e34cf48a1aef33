using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Metrics;

/// <summary>
/// Stores the metrics of an ended attempt in one append (the repository's group-commit writer batches it with other
/// writes) and feeds them to <see cref="TaskMetricsMeter"/>. The task never waits for it.
/// </summary>
public sealed class TaskMetricWriter(IMetricRepository repository, TaskMetricsMeter meter, ILogger<TaskMetricWriter> logger)
{
    /// <summary>Metric entries held in memory while the store refuses writes; beyond this, new ones are dropped (and said so).</summary>
    private const int MaxRetryingEntries = 100_000;

    private readonly HeldWrites _writes = new(MaxRetryingEntries, logger);

    /// <summary>Queues the entries; the returned task completes once they are stored or given up (it never throws).</summary>
    public Task WriteAsync(string executionId, IReadOnlyList<MetricEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var entry in entries)
        {
            meter.Record(entry);
        }

        return _writes.RunAsync(entries.Count, () => repository.AppendAsync(entries, CancellationToken.None), "metrics", executionId);
    }
}
