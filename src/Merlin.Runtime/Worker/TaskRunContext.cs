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

    public void Log(Core.Executions.LogLevel level, string message) =>
        logs.Write(execution, taskRun.Id, taskRun.TaskId, level, mask.Apply(message), taskRun.Attempts.Count);

    public Task<string> PutFileAsync(string fileName, Stream content, CancellationToken cancellationToken) =>
        files.PutTaskFileAsync(execution, taskRun, fileName, content, cancellationToken);

    public Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken) => files.OpenAsync(execution, uri, cancellationToken);

    public Task<long> FileSizeAsync(string uri, CancellationToken cancellationToken) => files.SizeAsync(execution, uri, cancellationToken);

    public Task<bool> DeleteFileAsync(string uri, CancellationToken cancellationToken) => files.DeleteAsync(execution, uri, cancellationToken);
}
