using System.Text;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Secrets;

#pragma warning disable VSTHRD002 // template functions (kv(), read(), fileSize()) are synchronous: the template engine renders on the calling thread

namespace Merlin.Runtime.Worker;

/// <summary>
/// The IO behind template functions for one execution: <c>read()</c> (a <c>kestra:///</c> URI or a namespace file path) and <c>fileSize()</c> through
/// <see cref="ExecutionFileAccess"/> (the execution's own files, its parent's and subflows', its namespace files),
/// <c>kv()</c>, <c>secret()</c> from <see cref="SecretStore"/>, <c>errorLogs()</c>.
/// Template rendering is synchronous, so these calls block on storage; they are rare and local.
/// </summary>
public sealed class TemplateHost(Execution execution, ExecutionFileAccess files, ILogRepository logs, IKvStore kv, SecretMask mask, SecretStore secrets, INamespaceFileStore namespaceFiles) : ITemplateHost, ITaskSecrets
{
    public string Read(string path)
    {
        // As Kestra: anything but a kestra:// URI is a namespace file of the execution's namespace.
        var uri = path.StartsWith("kestra://", StringComparison.Ordinal) ? path : NamespaceFileUri(path);
        return Storage("read", path, () =>
        {
            using var stream = files.OpenAsync(execution, uri, CancellationToken.None).GetAwaiter().GetResult();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    private string NamespaceFileUri(string path)
    {
        try
        {
            return namespaceFiles.Uri(execution.Namespace, path);
        }
        catch (Errors.IllegalArgumentException e)
        {
            throw new TemplateException($"read('{path}'): {e.Message}");
        }
    }

    public long FileSize(string uri) => Storage("fileSize", uri, () => files.SizeAsync(execution, uri, CancellationToken.None).GetAwaiter().GetResult());

    public object? Kv(string key, string? @namespace, bool errorOnMissing)
    {
        var entry = kv.GetAsync(@namespace ?? execution.Namespace, key, CancellationToken.None).GetAwaiter().GetResult();
        return entry is null && errorOnMissing ? throw new TemplateException($"kv('{key}'): the key does not exist") : entry?.Value;
    }

    public string Secret(string key)
    {
        var value = secrets.Get(key);
        mask.Add(value);
        return value;
    }

    /// <summary>A task's <c>Secrets</c>: the same lookup as <c>secret()</c>, masked in its logs from then on.</summary>
    public Task<string> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Secret(key));

    public string Mask(string text) => mask.Apply(text);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> ErrorLogs() =>
        logs.ListAsync(execution.Id, Merlin.Sdk.Runs.LogLevel.ERROR, null, CancellationToken.None).GetAwaiter().GetResult()
            .Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["taskId"] = l.TaskId,
                ["taskRunId"] = l.TaskRunId,
                ["message"] = l.Message,
                ["level"] = l.Level.ToString(),
                ["timestamp"] = l.Timestamp,
                ["namespace"] = l.Namespace,
                ["flowId"] = l.FlowId,
                ["executionId"] = l.ExecutionId,
            })
            .ToList();

    /// <summary>Storage refusals and missing files fail the render with the function's name and path.</summary>
    private static T Storage<T>(string function, string path, Func<T> access)
    {
        try
        {
            return access();
        }
        catch (FileAccessDeniedException e)
        {
            throw new TemplateException(e.Message);
        }
        catch (FileNotFoundException)
        {
            throw new TemplateException($"{function}('{path}'): file not found");
        }
    }
}
