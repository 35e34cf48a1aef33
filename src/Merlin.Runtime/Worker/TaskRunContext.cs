using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Worker;

/// <summary>What a running task sees: its execution's variables, a logger, internal storage and HTTP.</summary>
public sealed class TaskRunContext(
    Execution execution,
    TaskRun taskRun,
    TemplateEngine templates,
    TemplateContext variables,
    ExecutionLogWriter logs,
    ExecutionFileAccess files,
    HttpClient httpClient,
    IServiceProvider services,
    SecretMask mask) : ITaskRunContext
{
    public TaskRun TaskRun => taskRun;

    public Execution Execution => execution;

    public HttpClient HttpClient => httpClient;

    public IServiceProvider Services => services;

    public string? Render(string? template) => template is null ? null : templates.Render(template, variables);

    public object? RenderTyped(string? template) => template is null ? null : templates.RenderTyped(template, variables);

    public object? RenderValue(object? value) => templates.RenderValue(value, variables);

    private readonly Lock _holding = new();
    private List<(Core.Executions.LogLevel Level, string Message)>? _held;

    /// <summary>While true, log lines are held back (see <see cref="TaskRunContextFactory.Create"/>).</summary>
    public bool BufferLogs
    {
        get => _held is not null;
        init => _held = value ? [] : null;
    }

    /// <summary>True once the task did something that must not be done twice (stored a file).</summary>
    public bool HasSideEffects { get; private set; }

    public void Log(Core.Executions.LogLevel level, string message)
    {
        lock (_holding)
        {
            if (_held is { } held)
            {
                held.Add((level, message));
                return;
            }
        }

        logs.Write(execution, taskRun.Id, taskRun.TaskId, level, mask.Apply(message), taskRun.Attempts.Count);
    }

    /// <summary>Writes the held log lines and stops holding them.</summary>
    public void FlushLogs()
    {
        List<(Core.Executions.LogLevel, string)>? held;
        lock (_holding)
        {
            held = _held;
            _held = null;
        }

        foreach (var (level, message) in held ?? [])
        {
            Log(level, message);
        }
    }

    public Task<string> PutFileAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        HasSideEffects = true;
        return files.PutTaskFileAsync(execution, taskRun, fileName, content, cancellationToken);
    }

    public Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken) => files.OpenAsync(execution, uri, cancellationToken);

    public Task<long> FileSizeAsync(string uri, CancellationToken cancellationToken) => files.SizeAsync(execution, uri, cancellationToken);

    public Task<bool> DeleteFileAsync(string uri, CancellationToken cancellationToken) => files.DeleteAsync(execution, uri, cancellationToken);
}
