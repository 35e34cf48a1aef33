namespace Merlin.Sdk.Runs;

/// <summary>
/// Everything a running task may use, and nothing more: read-only views of its task run and execution, rendering against
/// the execution's variables, its logs, metrics, files, namespace files, the namespace KV store, secrets, its plugin's settings, a working directory and outbound HTTP,
/// plus the few server actions a core task needs (<see cref="Executions"/>, <see cref="Triggers"/>). Implemented by the
/// worker; <c>Merlin.Sdk.Testing</c> has a fake for unit tests of plugins.
/// </summary>
public interface ITaskRunContext
{
    /// <summary>The task run being executed.</summary>
    TaskRunInfo TaskRun { get; }

    /// <summary>The execution the task run belongs to.</summary>
    ExecutionInfo Execution { get; }

    /// <summary>Renders a template string to text (null stays null).</summary>
    string? Render(string? template);

    /// <summary>Renders a template; a single expression keeps its type (Kestra's renderTyped).</summary>
    object? RenderTyped(string? template);

    /// <summary>Renders every string leaf of a map or list.</summary>
    object? RenderValue(object? value);

    /// <summary>The task run's log, and the logs of executions.</summary>
    ITaskLogs Logs { get; }

    /// <summary>The task run's metrics (counters, timers, gauges).</summary>
    ITaskMetrics Metrics { get; }

    /// <summary>Internal storage (<c>kestra:///</c> URIs) as this task run may reach it.</summary>
    ITaskFiles Files { get; }

    /// <summary>The namespace key-value store.</summary>
    ITaskKv Kv { get; }

    /// <summary>Secrets, as the <c>secret()</c> template function reads them; their values are masked in logs.</summary>
    ITaskSecrets Secrets { get; }

    /// <summary>Namespace files.</summary>
    ITaskNamespaceFiles NamespaceFiles { get; }

    /// <summary>The plugin's settings as the server is configured.</summary>
    ITaskSettings Settings { get; }

    /// <summary>Actions on executions (resume).</summary>
    ITaskExecutions Executions { get; }

    /// <summary>Actions on triggers (enable, disable).</summary>
    ITaskTriggers Triggers { get; }

    /// <summary>
    /// A local directory for the task's files (Kestra's <c>runContext.workingDir()</c>), created on first use: inside a
    /// WorkingDirectory it is the one its children share (files written by one are seen by the next), removed when the
    /// WorkingDirectory ends; elsewhere it is the task run's own, removed when the attempt ends.
    /// </summary>
    string WorkingDirectory { get; }

    /// <summary>The worker's client for outbound HTTP (redirects are not followed automatically).</summary>
    HttpClient HttpClient { get; }
}
