using System.Diagnostics.Metrics;

namespace Merlin.Runtime.Storage;

/// <summary>
/// The group-commit writer's instruments (meter <c>Merlin.Storage</c>), whichever the backend: how many writes each
/// commit carried and how long it took.
/// </summary>
public sealed class GroupCommitMetrics
{
    public const string MeterName = "Merlin.Storage";

    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitDuration;

    public GroupCommitMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        batchSize = meter.CreateHistogram<int>("merlin.storage.commit.batch_size", "{write}", "Writes committed in one transaction (SQLite or PostgreSQL)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        commitDuration = meter.CreateHistogram<double>("merlin.storage.commit.duration", "s", "Time of one commit (writes and flush to disk)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1] });
    }

    public void Committed(int writes, TimeSpan duration)
    {
        batchSize.Record(writes);
        commitDuration.Record(duration.TotalSeconds);
    }
}
