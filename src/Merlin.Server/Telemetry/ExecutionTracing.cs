using System.Collections.Concurrent;
using System.Diagnostics;
using Merlin.Core.Executions;

namespace Merlin.Server.Telemetry;

/// <summary>
/// One span per execution and one per task run (source <c>Merlin.Executions</c>), written when the execution ends
/// with their real start and end dates, as children of the HTTP request that created the execution. Costs nothing
/// while no tracer listens (<see cref="ActivitySource.HasListeners"/>).
/// </summary>
internal sealed class ExecutionTracing : IDisposable
{
    public const string SourceName = "Merlin.Executions";

    private readonly ActivitySource _source = new(SourceName);
    private readonly ConcurrentDictionary<string, ActivityContext> _parents = new();

    /// <summary>Remembers the creating request's span; runs on the request's thread, where it is current.</summary>
    public void Created(Execution execution)
    {
        if (_source.HasListeners() && Activity.Current is { } request)
        {
            _parents[execution.Id] = request.Context;
        }
    }

    public void Ended(Execution execution)
    {
        _parents.TryRemove(execution.Id, out var parent);
        if (!_source.HasListeners())
        {
            return;
        }

        using var span = _source.StartActivity($"execution {execution.Namespace}.{execution.FlowId}", ActivityKind.Internal, parent,
            startTime: execution.State.StartDate);
        if (span is null)
        {
            return;
        }

        span.SetTag("merlin.namespace", execution.Namespace);
        span.SetTag("merlin.flow", execution.FlowId);
        span.SetTag("merlin.execution.id", execution.Id);
        span.SetTag("merlin.state", execution.State.Current.ToString());
        if (execution.State.Current == StateType.FAILED)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }

        foreach (var taskRun in execution.TaskRunList)
        {
            using var child = _source.StartActivity($"task {taskRun.TaskId}", ActivityKind.Internal, span.Context, startTime: taskRun.State.StartDate);
            child?.SetTag("merlin.task.id", taskRun.TaskId);
            child?.SetTag("merlin.taskrun.id", taskRun.Id);
            child?.SetTag("merlin.state", taskRun.State.Current.ToString());
            if (child is not null && taskRun.Value is { } value)
            {
                child.SetTag("merlin.taskrun.value", value);
            }

            child?.SetEndTime((taskRun.State.EndDate ?? execution.State.EndDate ?? DateTimeOffset.UtcNow).UtcDateTime);
        }

        span.SetEndTime((execution.State.EndDate ?? DateTimeOffset.UtcNow).UtcDateTime);
    }

    public void Dispose() => _source.Dispose();
}
