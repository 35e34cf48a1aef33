using System.Text;
using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>Internal storage in memory: URI to content. Files the task stores get a URI under its task run.</summary>
public sealed class FakeTaskFiles(Func<TaskRunInfo> taskRun) : ITaskFiles
{
    public Dictionary<string, byte[]> Stored { get; } = new(StringComparer.Ordinal);

    public async Task<string> PutAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var run = taskRun();
        var uri = $"kestra:///{run.Namespace.Replace('.', '/')}/{run.FlowId}/executions/{run.ExecutionId}/tasks/{run.TaskId}/{run.Id}/{fileName}";
        Stored[uri] = buffer.ToArray();
        return uri;
    }

    public Task<Stream> OpenAsync(string uri, CancellationToken cancellationToken) =>
        Stored.TryGetValue(uri, out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : Task.FromException<Stream>(new FileNotFoundException("Unable to find file " + uri));

    public Task<long> SizeAsync(string uri, CancellationToken cancellationToken) =>
        Stored.TryGetValue(uri, out var bytes)
            ? Task.FromResult((long)bytes.Length)
            : Task.FromException<long>(new FileNotFoundException("Unable to find file " + uri));

    public Task<bool> DeleteAsync(string uri, CancellationToken cancellationToken) => Task.FromResult(Stored.Remove(uri));

    /// <summary>Stores an input file of the execution and returns its URI.</summary>
    public string Add(string name, string text)
    {
        var run = taskRun();
        var uri = $"kestra:///{run.Namespace.Replace('.', '/')}/{run.FlowId}/executions/{run.ExecutionId}/inputs/{name}";
        Stored[uri] = Encoding.UTF8.GetBytes(text);
        return uri;
    }

    /// <summary>The UTF-8 text of a stored file.</summary>
    public string Text(string uri) => Encoding.UTF8.GetString(Stored[uri]);
}
