using System.Globalization;
using System.Text;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Worker;

/// <summary>
/// What a running task sees: its execution's variables, a logger, internal storage and HTTP. The logger keeps the task's
/// <c>logLevel</c> and lower lines out, and with <c>logToFile</c> writes to a file of the attempt instead of the log store.
/// </summary>
public sealed class TaskRunContext(
    Execution execution,
    TaskRun taskRun,
    TaskDefinition task,
    TemplateEngine templates,
    TemplateContext variables,
    ExecutionLogWriter logs,
    IFileStorage files,
    HttpClient httpClient,
    IServiceProvider services,
    SecretMask mask) : ITaskRunContext
{
    private readonly Core.Executions.LogLevel _minLevel =
        Enum.TryParse<Core.Executions.LogLevel>(task.LogLevel, ignoreCase: true, out var level) ? level : Core.Executions.LogLevel.TRACE;

    private readonly List<Task> _pendingLogs = [];
    private readonly StringBuilder? _logFile = task.LogToFile ? new StringBuilder() : null;

    public TaskRun TaskRun => taskRun;

    public Execution Execution => execution;

    public HttpClient HttpClient => httpClient;

    public IServiceProvider Services => services;

    public string? Render(string? template) => template is null ? null : templates.Render(template, variables);

    public object? RenderTyped(string? template) => template is null ? null : templates.RenderTyped(template, variables);

    public object? RenderValue(object? value) => templates.RenderValue(value, variables);

    public void Log(Core.Executions.LogLevel level, string message)
    {
        if (level < _minLevel)
        {
            return;
        }

        message = mask.Apply(message);
        lock (_pendingLogs)
        {
            if (_logFile is not null)
            {
                // Logback's layout in Kestra's log files: date, level, thread, logger, message.
                _logFile.Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss,fff} {level,-5} {"worker",-12} flow.{execution.FlowId}.{taskRun.TaskId} {message}\n");
                return;
            }

            _pendingLogs.Add(logs.WriteAsync(execution, taskRun.Id, taskRun.TaskId, level, message, taskRun.Attempts.Count));
        }
    }

    /// <summary>
    /// Waits until every log line of this attempt is stored, so what comes next (an errors branch calling
    /// <c>errorLogs()</c>) sees them; with <c>logToFile</c>, stores the file and answers its URI.
    /// </summary>
    public async Task<string?> FlushLogsAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        string? text;
        lock (_pendingLogs)
        {
            pending = [.. _pendingLogs];
            _pendingLogs.Clear();
            text = _logFile?.ToString();
        }

        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception)
        {
            // Already reported by the log writer; a lost line must not lose the task's result.
        }

        if (text is null)
        {
            return null;
        }

        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await PutFileAsync($"log-{Guid.NewGuid().ToString("N")[..5]}.txt", content, cancellationToken);
    }

    public Task<string> PutFileAsync(string fileName, Stream content, CancellationToken cancellationToken) =>
        files.PutAsync(StoragePaths.TaskFile(execution.Namespace, execution.FlowId, execution.Id, taskRun.TaskId, taskRun.Id, fileName), content, cancellationToken);

    public Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken) => files.GetAsync(uri, cancellationToken);
}
