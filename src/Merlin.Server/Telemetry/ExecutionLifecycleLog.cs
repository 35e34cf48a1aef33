using Merlin.Core.Executions;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Telemetry;

/// <summary>One Information line per execution created and per execution ended (with its state), for operators.</summary>
internal sealed class ExecutionLifecycleLog(ILoggerFactory loggers)
{
    /// <summary>The category operators filter on (<c>Logging:LogLevel:Merlin.Executions=Warning</c> silences it).</summary>
    public const string Category = "Merlin.Executions";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Created(Execution execution)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Execution {Namespace}.{FlowId} {ExecutionId} created (revision {Revision}{Trigger})",
                execution.Namespace, execution.FlowId, execution.Id, execution.FlowRevision, execution.Trigger is { } t ? ", trigger " + t.Id : "");
        }
    }

    public void Ended(Execution execution, DateTimeOffset now)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Execution {Namespace}.{FlowId} {ExecutionId} ended {State} in {Duration:0.###} s",
                execution.Namespace, execution.FlowId, execution.Id, execution.State.Current, execution.State.DurationAt(now).TotalSeconds);
        }
    }
}
