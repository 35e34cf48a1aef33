using System.Diagnostics;
using System.Diagnostics.Metrics;
using Merlin.Core.Executions;
using Merlin.Runtime.Executor;
using Merlin.Runtime.Worker;

namespace Merlin.Server.Telemetry;

/// <summary>
/// The engine's instruments (meter <c>Merlin</c>, names in docs/metrics.md): executions created and ended, execution
/// and task-run durations, and gauges read only when scraped (queue depth, loop lag, busy worker slots). Recording
/// is a counter add or a histogram record with a stack-allocated tag list: nothing allocated per execution.
/// </summary>
internal sealed class ExecutionMetrics
{
    public const string MeterName = "Merlin";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Counter<long> _created;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _executionDuration;
    private readonly Histogram<double> _taskRunDuration;

    /// <param name="executor">Absent when this process runs no executor (its gauges are then not published).</param>
    /// <param name="worker">Absent when this process runs no worker.</param>
    public ExecutionMetrics(IMeterFactory meters, Executor? executor = null, TaskWorker? worker = null)
    {
        var meter = meters.Create(MeterName);
        _created = meter.CreateCounter<long>("merlin.executions.created", "{execution}", "Executions created, by namespace and flow");
        _ended = meter.CreateCounter<long>("merlin.executions.ended", "{execution}", "Executions that reached a final state, by namespace, flow and state");
        _executionDuration = meter.CreateHistogram<double>("merlin.execution.duration", "s", "From creation to final state",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _taskRunDuration = meter.CreateHistogram<double>("merlin.taskrun.duration", "s", "Task runs' durations, recorded when their execution ends",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        if (executor is not null)
        {
            meter.CreateObservableGauge("merlin.executor.queue.depth", () => executor.QueueDepth, "{event}", "Events waiting in the executor's queues");
            meter.CreateObservableGauge("merlin.executor.lag", () => executor.TakeMaxLag().TotalSeconds, "s", "Longest wait of an event in the executor's queues since the last scrape");
        }

        if (worker is not null)
        {
            meter.CreateObservableGauge("merlin.worker.busy", () => worker.Running, "{task_run}", "Task runs in progress (busy worker slots)");
        }
    }

    public void Created(Execution execution) =>
        _created.Add(1, new TagList { { "namespace", execution.Namespace }, { "flow", execution.FlowId } });

    public void Ended(Execution execution, DateTimeOffset now)
    {
        var tags = new TagList { { "namespace", execution.Namespace }, { "flow", execution.FlowId }, { "state", StateName(execution.State.Current) } };
        _ended.Add(1, tags);
        _executionDuration.Record(execution.State.DurationAt(now).TotalSeconds, tags);
        foreach (var taskRun in execution.TaskRunList)
        {
            if (taskRun.State.EndDate is { } end && taskRun.State.IsTerminated)
            {
                _taskRunDuration.Record((end - taskRun.State.StartDate).TotalSeconds, new TagList
                {
                    { "namespace", execution.Namespace }, { "flow", execution.FlowId }, { "task", taskRun.TaskId }, { "state", StateName(taskRun.State.Current) },
                });
            }
        }
    }

    /// <summary>Enum names without <c>ToString()</c>'s allocation.</summary>
    private static string StateName(StateType state) => state switch
    {
        StateType.SUCCESS => "SUCCESS",
        StateType.WARNING => "WARNING",
        StateType.FAILED => "FAILED",
        StateType.KILLED => "KILLED",
        StateType.CANCELLED => "CANCELLED",
        StateType.SKIPPED => "SKIPPED",
        StateType.RETRIED => "RETRIED",
        _ => state.ToString(),
    };
}
