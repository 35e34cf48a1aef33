using System.Collections;
using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>
/// A task run context for unit tests of runnable tasks. Rendering is the identity, except for templates listed in
/// <see cref="Renders"/> (exact text to value); <c>{{ flow.namespace }}</c> renders to the execution's namespace. Logs,
/// metrics, files, KV, secrets and actions on executions and triggers are in memory, for the test to arrange and inspect.
/// </summary>
public sealed class FakeTaskRunContext : ITaskRunContext, IDisposable
{
    private string? _workingDirectory;

    /// <param name="handler">Answers the task's HTTP requests; by default real requests, redirects not followed.</param>
    public FakeTaskRunContext(HttpMessageHandler? handler = null)
    {
        var executionId = NewId();
        Execution = new ExecutionInfo(executionId, "company.team", "flow", 1, executionId, null, []);
        TaskRun = new TaskRunInfo(NewId(), executionId, Execution.Namespace, Execution.FlowId, "task", null, null, null, 1);
        HttpClient = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false });
        Files = new FakeTaskFiles(() => TaskRun);
        Metrics = new FakeTaskMetrics(() => TaskRun);
        Renders["{{ flow.namespace }}"] = Execution.Namespace;
    }

    public TaskRunInfo TaskRun { get; set; }

    public ExecutionInfo Execution { get; set; }

    public HttpClient HttpClient { get; }

    /// <summary>Template text to what it renders to; any other template renders to itself.</summary>
    public Dictionary<string, object?> Renders { get; } = new(StringComparer.Ordinal);

    public FakeTaskLogs Logs { get; } = new();

    public FakeTaskMetrics Metrics { get; }

    public FakeTaskFiles Files { get; }

    public FakeTaskKv Kv { get; } = new();

    public FakeTaskSecrets Secrets { get; } = new();

    public FakeTaskNamespaceFiles NamespaceFiles { get; } = new();

    public FakeTaskSettings Settings { get; } = new();

    public FakeTaskExecutions Executions { get; } = new();

    public FakeTaskTriggers Triggers { get; } = new();

    ITaskLogs ITaskRunContext.Logs => Logs;

    ITaskMetrics ITaskRunContext.Metrics => Metrics;

    ITaskFiles ITaskRunContext.Files => Files;

    ITaskKv ITaskRunContext.Kv => Kv;

    ITaskSecrets ITaskRunContext.Secrets => Secrets;

    ITaskNamespaceFiles ITaskRunContext.NamespaceFiles => NamespaceFiles;

    ITaskSettings ITaskRunContext.Settings => Settings;

    ITaskExecutions ITaskRunContext.Executions => Executions;

    ITaskTriggers ITaskRunContext.Triggers => Triggers;

    /// <summary>A fresh temporary directory made on first use (removed by <see cref="Dispose"/>), unless the test sets one.</summary>
    public string WorkingDirectory
    {
        get => _workingDirectory ??= Directory.CreateTempSubdirectory("merlin-test-").FullName;
        set => _workingDirectory = value;
    }

    public string? Render(string? template) =>
        template is not null && Renders.TryGetValue(template, out var value) ? value?.ToString() : template;

    public object? RenderTyped(string? template) =>
        template is not null && Renders.TryGetValue(template, out var value) ? value : template;

    public object? RenderValue(object? value) => value switch
    {
        string s => Render(s),
        IDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => RenderValue(e.Value)),
        IList list => list.Cast<object?>().Select(RenderValue).ToList(),
        _ => value,
    };

    /// <summary>Stores an input file of the execution and returns its URI.</summary>
    public string AddFile(string name, string text) => Files.Add(name, text);

    /// <summary>The text of a stored file.</summary>
    public string FileText(string uri) => Files.Text(uri);

    public void Dispose()
    {
        HttpClient.Dispose();
        if (_workingDirectory is { } directory && Directory.Exists(directory) && directory.Contains("merlin-test-", StringComparison.Ordinal))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..22];
}
