using Merlin.Core.Executions;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Telemetry;

/// <summary>
/// One Information line per execution created and per execution ended (with its state), for operators.
/// The messages are source-generated (<see cref="LoggerMessageAttribute"/>): nothing is boxed, formatted or built
/// before the level check, so a silenced category costs one branch per execution.
/// </summary>
internal sealed partial class ExecutionLifecycleLog(ILoggerFactory loggers)
{
    /// <summary>The category operators filter on (<c>Logging:LogLevel:Merlin.Executions=Warning</c> silences it).</summary>
    public const string Category = "Merlin.Executions";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Created(Execution execution)
    {
        if (execution.Trigger is { } trigger)
        {
            CreatedByTrigger(_logger, execution.Namespace, execution.FlowId, execution.Id, execution.FlowRevision, trigger.Id);
        }
        else
        {
            Created(_logger, execution.Namespace, execution.FlowId, execution.Id, execution.FlowRevision);
        }
    }

    public void Ended(Execution execution, DateTimeOffset now)
    {
        // The duration is computed only for a line that is written.
        if (_logger.IsEnabled(LogLevel.Information))
        {
            Ended(_logger, execution.Namespace, execution.FlowId, execution.Id, execution.State.Current, execution.State.DurationAt(now).TotalSeconds);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "ExecutionCreated", Level = LogLevel.Information,
        Message = "Execution {Namespace}.{FlowId} {ExecutionId} created (revision {Revision})")]
    private static partial void Created(ILogger logger, string @namespace, string flowId, string executionId, int revision);

    [LoggerMessage(EventId = 2, EventName = "ExecutionCreatedByTrigger", Level = LogLevel.Information,
        Message = "Execution {Namespace}.{FlowId} {ExecutionId} created (revision {Revision}, trigger {TriggerId})")]
    private static partial void CreatedByTrigger(ILogger logger, string @namespace, string flowId, string executionId, int revision, string triggerId);

    [LoggerMessage(EventId = 3, EventName = "ExecutionEnded", Level = LogLevel.Information, SkipEnabledCheck = true,
        Message = "Execution {Namespace}.{FlowId} {ExecutionId} ended {State} in {Duration:0.###} s")]
    private static partial void Ended(ILogger logger, string @namespace, string flowId, string executionId, StateType state, double duration);
}
