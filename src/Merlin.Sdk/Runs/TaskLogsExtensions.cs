namespace Merlin.Sdk.Runs;

/// <summary>
/// One method per level, so that a task (whose own <c>LogLevel</c> property, Kestra's <c>logLevel</c>, hides the enum's
/// name inside its class) need not spell <c>Merlin.Sdk.Runs.LogLevel.INFO</c>.
/// </summary>
public static class TaskLogsExtensions
{
    public static void Trace(this ITaskLogs logs, string message) => Write(logs, LogLevel.TRACE, message);

    public static void Debug(this ITaskLogs logs, string message) => Write(logs, LogLevel.DEBUG, message);

    public static void Info(this ITaskLogs logs, string message) => Write(logs, LogLevel.INFO, message);

    public static void Warn(this ITaskLogs logs, string message) => Write(logs, LogLevel.WARN, message);

    public static void Error(this ITaskLogs logs, string message) => Write(logs, LogLevel.ERROR, message);

    private static void Write(ITaskLogs logs, LogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(logs);
        logs.Log(level, message);
    }
}
