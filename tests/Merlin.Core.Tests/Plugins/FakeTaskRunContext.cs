using System.Collections;
using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Tests.Plugins;

/// <summary>
/// A task run context for unit tests of runnable tasks. Rendering is the identity, except for templates listed in
/// <see cref="Renders"/> (exact text to value). Logs, stored files and services are in memory.
/// </summary>
public sealed class FakeTaskRunContext : ITaskRunContext, IServiceProvider
{
    public FakeTaskRunContext(HttpMessageHandler? handler = null)
    {
        var now = DateTimeOffset.UtcNow;
        Execution = new Execution
        {
            Id = Ids.Create(),
            Namespace = "company.team",
            FlowId = "flow",
            FlowRevision = 1,
            State = State.Create(now, StateType.RUNNING),
            OriginalId = "original",
            Metadata = new ExecutionMetadata(1, now),
        };
        TaskRun = new TaskRun
        {
            Id = Ids.Create(),
            ExecutionId = Execution.Id,
            Namespace = Execution.Namespace,
            FlowId = Execution.FlowId,
            TaskId = "task",
            State = State.Create(now, StateType.RUNNING),
        };
        HttpClient = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false });
        Renders["{{ flow.namespace }}"] = Execution.Namespace;
    }

    public TaskRun TaskRun { get; }
    public Execution Execution { get; }
    public HttpClient HttpClient { get; }
    public IServiceProvider Services => this;

    /// <summary>A fresh temporary directory made on first use, unless a test sets one (and then removes it).</summary>
    public string WorkingDirectory
    {
        get => _workingDirectory ??= Directory.CreateTempSubdirectory("merlin-test-").FullName;
        set => _workingDirectory = value;
    }

    private string? _workingDirectory;

    public Dictionary<string, object?> Renders { get; } = new(StringComparer.Ordinal);
    public Dictionary<Type, object> ServiceInstances { get; } = [];
    public List<(LogLevel Level, string Message)> Logs { get; } = [];
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

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

    public void Log(LogLevel level, string message) => Logs.Add((level, message));

    public async Task<string> PutFileAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var uri = $"kestra:///company/team/flow/executions/{Execution.Id}/tasks/task/{TaskRun.Id}/{fileName}";
        Files[uri] = buffer.ToArray();
        return uri;
    }

    public Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken) =>
        Files.TryGetValue(uri, out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : Task.FromException<Stream>(new FileNotFoundException("Unable to find file " + uri));

    public async Task<long> FileSizeAsync(string uri, CancellationToken cancellationToken)
    {
        await using var stream = await OpenFileAsync(uri, cancellationToken);
        return stream.Length;
    }

    public Task<bool> DeleteFileAsync(string uri, CancellationToken cancellationToken) => Task.FromResult(Files.Remove(uri));

    public string AddFile(string name, string text)
    {
        var uri = "kestra:///company/team/flow/executions/x/inputs/" + name;
        Files[uri] = System.Text.Encoding.UTF8.GetBytes(text);
        return uri;
    }

    public string FileText(string uri) => System.Text.Encoding.UTF8.GetString(Files[uri]);

    public object? GetService(Type serviceType) => ServiceInstances.GetValueOrDefault(serviceType);
}
