using System.Globalization;
using System.Text;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Worker;

/// <summary>
/// What a running task sees: its execution's variables, a logger, metrics, internal storage, KV, secrets and HTTP. The logger keeps
/// the task's <c>logLevel</c> and lower lines out, and with <c>logToFile</c> writes to a file of the attempt instead of the
/// log store. The context is its own <see cref="ITaskLogs"/> and <see cref="ITaskFiles"/>: both need the attempt's state.
/// </summary>
public sealed class TaskRunContext(
    Execution execution,
    TaskRun taskRun,
    TaskDefinition task,
    TemplateEngine templates,
    TemplateContext variables,
    ExecutionLogWriter logs,
    ExecutionFileAccess files,
    Func<HttpClient> httpClient,
    TaskCapabilities capabilities,
    ILogRepository logRepository,
    SecretMask mask,
    WorkingDirectories directories,
    SharedWorkingDirectory? shared,
    TaskRunMetrics metrics) : ITaskRunContext, ITaskLogs, ITaskFiles
{
    private string? _private;
    private readonly LogLevel _minLevel =
        Enum.TryParse<LogLevel>(task.LogLevel, ignoreCase: true, out var level) ? level : LogLevel.TRACE;

    private readonly Lock _holding = new();
    private readonly List<Task> _pendingLogs = [];
    private readonly StringBuilder? _logFile = task.LogToFile ? new StringBuilder() : null;
    private List<(LogLevel Level, string Message)>? _held;

    public TaskRunInfo TaskRun => field ??= taskRun.ToInfo();

    public ExecutionInfo Execution => field ??= execution.ToInfo();

    /// <summary>Made on first use: most tasks never call out, and a client per task run is an allocation each.</summary>
    public HttpClient HttpClient => field ??= httpClient();

    public ITaskLogs Logs => this;

    public ITaskMetrics Metrics => metrics;

    public ITaskFiles Files => this;

    public ITaskKv Kv => capabilities.Kv;

    public ITaskSecrets Secrets => capabilities.Secrets;

    public ITaskNamespaceFiles NamespaceFiles => capabilities.NamespaceFiles;

    public ITaskSettings Settings => capabilities.Settings;

    public ITaskExecutions Executions => capabilities.Executions;

    public ITaskTriggers Triggers => capabilities.Triggers;

    /// <summary>The WorkingDirectory's shared directory for its children; else the attempt's own, made on first use.</summary>
    public string WorkingDirectory => shared?.Path ?? (_private ??= directories.Private());

    /// <summary>The directory this attempt shares with its WorkingDirectory siblings, if any.</summary>
    public SharedWorkingDirectory? SharedDirectory => shared;

    /// <summary>Stores the attempt's metrics (once it ended and was not abandoned); the task does not wait for it.</summary>
    public Task FlushMetrics() => metrics.Flush();

    /// <summary>Removes the attempt's own directory (a shared one lives until its WorkingDirectory ends).</summary>
    public void DeleteOwnDirectory()
    {
        if (_private is { } path)
        {
            directories.Delete(path);
            _private = null;
        }
    }

    /// <summary>While true, log lines are held back (see <see cref="TaskRunContextFactory.Create"/>).</summary>
    public bool BufferLogs
    {
        get => _held is not null;
        init => _held = value ? [] : null;
    }

    /// <summary>True once the task did something that must not be done twice (stored or deleted a file).</summary>
    public bool HasSideEffects { get; private set; }

    public string? Render(string? template) => template is null ? null : templates.Render(template, variables);

    public object? RenderTyped(string? template) => template is null ? null : templates.RenderTyped(template, variables);

    public object? RenderValue(object? value) => templates.RenderValue(value, variables);

    void ITaskLogs.Log(LogLevel level, string message)
    {
        if (level < _minLevel)
        {
            return;
        }

        lock (_holding)
        {
            if (_held is { } held)
            {
                held.Add((level, message));
                return;
            }

            Emit(level, message);
        }
    }

    /// <summary>Writes the held log lines and stops holding them.</summary>
    public void FlushLogs()
    {
        lock (_holding)
        {
            foreach (var (level, message) in _held ?? [])
            {
                Emit(level, message);
            }

            _held = null;
        }
    }

    /// <summary>
    /// Ends the attempt's logging: held lines are written; with <paramref name="awaitLines"/> (a failed attempt) waits until
    /// they are stored, so what comes next (an errors branch calling <c>errorLogs()</c>) sees them; with <c>logToFile</c>,
    /// stores the file and answers its URI. Completes at once when there is nothing to wait for.
    /// </summary>
    public Task<string?> EndLogsAsync(bool awaitLines, CancellationToken cancellationToken)
    {
        FlushLogs();
        Task[] pending;
        string? text;
        lock (_holding)
        {
            pending = awaitLines ? [.. _pendingLogs] : [];
            _pendingLogs.Clear();
            text = _logFile?.ToString();
        }

        return pending.Length == 0 && text is null ? Task.FromResult<string?>(null) : StoreLogsAsync(pending, text, cancellationToken);
    }

    private async Task<string?> StoreLogsAsync(Task[] pending, string? text, CancellationToken cancellationToken)
    {
        // The log writer reports its own failures; a lost line must not lose the task's result.
        await Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
        if (text is null)
        {
            return null;
        }

        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await files.PutTaskFileAsync(execution, taskRun, $"log-{Guid.NewGuid().ToString("N")[..5]}.txt", content, cancellationToken);
    }

    Task<IReadOnlyList<LogEntry>> ITaskLogs.ListAsync(string executionId, LogLevel minLevel, CancellationToken cancellationToken) =>
        logRepository.ListAsync(executionId, minLevel, null, cancellationToken);

    Task<string> ITaskFiles.PutAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        HasSideEffects = true;
        return files.PutTaskFileAsync(execution, taskRun, fileName, content, cancellationToken);
    }

    Task<Stream> ITaskFiles.OpenAsync(string uri, CancellationToken cancellationToken) => files.OpenAsync(execution, uri, cancellationToken);

    Task<long> ITaskFiles.SizeAsync(string uri, CancellationToken cancellationToken) => files.SizeAsync(execution, uri, cancellationToken);

    Task<bool> ITaskFiles.DeleteAsync(string uri, CancellationToken cancellationToken)
    {
        HasSideEffects = true;
        return files.DeleteAsync(execution, uri, cancellationToken);
    }

    private void Emit(LogLevel level, string message)
    {
        message = mask.Apply(message);
        if (_logFile is not null)
        {
            // Logback's layout in Kestra's log files: date, level, thread, logger, message.
            _logFile.Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss,fff} {level,-5} {"worker",-12} flow.{execution.FlowId}.{taskRun.TaskId} {message}\n");
            return;
        }

        _pendingLogs.Add(logs.WriteAsync(execution, taskRun.Id, taskRun.TaskId, level, message, taskRun.Attempts.Count));
    }
}
