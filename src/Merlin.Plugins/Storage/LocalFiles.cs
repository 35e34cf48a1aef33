using System.Text;
using System.Text.Json;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.Storage;

/// <summary>
/// Deprecated (use WorkingDirectory inputFiles/outputFiles): writes the <c>inputs</c> files (a map of path to content, a
/// <c>kestra://</c> URI copying that file, or a JSON string of such a map) and stores those matching the <c>outputs</c> globs;
/// outputs <c>uris</c>, path to URI. Merlin gives each task run its own files: files written by another task (a sibling
/// LocalFiles in a WorkingDirectory) are not seen.
/// </summary>
[Plugin("io.kestra.plugin.core.storage.LocalFiles", "io.kestra.core.tasks.storages.LocalFiles")]
public sealed class LocalFiles : RunnableTask
{
    /// <summary>A map of file name to content, or a JSON string of one.</summary>
    public object? Inputs { get; init; }
    public List<string>? Outputs { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, value) in InputFiles(context))
        {
            var path = (context.Render(name) ?? name).Replace('\\', '/').TrimStart('/');
            files[path] = value is string text && text.StartsWith("kestra://", StringComparison.Ordinal)
                ? await ReadAsync(context, text, cancellationToken)
                : Encoding.UTF8.GetBytes(value as string ?? (value is null ? "" : KestraJson.Serialize(value)));
        }

        var globs = (Outputs ?? []).Select(o => FileGlob.ToRegex(context.Render(o) ?? o)).ToList();
        var uris = new Dictionary<string, object?>();
        foreach (var (path, content) in files.Where(f => globs.Any(g => g.IsMatch(f.Key))))
        {
            using var stream = new MemoryStream(content);
            uris[path] = await context.PutFileAsync(Guid.NewGuid().ToString("N")[..22] + "-" + Path.GetFileName(path), stream, cancellationToken);
        }

        return TaskResult.Of(("uris", uris));
    }

    private IEnumerable<KeyValuePair<string, object?>> InputFiles(ITaskRunContext context) => Inputs switch
    {
        null => [],
        string json => context.Render(json) is { } rendered && PlainValueConverter.FromElement(JsonDocument.Parse(rendered).RootElement) is IReadOnlyDictionary<string, object?> map
            ? map
            : throw new InvalidOperationException("inputs must be a map of file name to content, or a JSON string of one"),
        _ => context.RenderValue(Inputs) as IReadOnlyDictionary<string, object?>
             ?? throw new InvalidOperationException("inputs must be a map of file name to content, or a JSON string of one"),
    };

    private static async Task<byte[]> ReadAsync(ITaskRunContext context, string uri, CancellationToken cancellationToken)
    {
        await using var source = await context.OpenFileAsync(uri, cancellationToken);
        using var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
