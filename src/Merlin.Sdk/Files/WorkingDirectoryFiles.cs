using System.Text;
using System.Text.Json;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Values;

namespace Merlin.Sdk.Files;

/// <summary>
/// Writes Kestra's input files (<c>inputFiles</c> of WorkingDirectory and script tasks, <c>inputs</c> of LocalFiles) into a
/// working directory: a map of relative path to content, or to a <c>kestra://</c> URI whose file is copied, or a JSON
/// string of such a map.
/// </summary>
public static class WorkingDirectoryFiles
{
    private const string MapRequired = "must be a map of file name to content, or a JSON string of one";

    /// <summary>
    /// Renders <paramref name="inputs"/> and writes each file under <paramref name="directory"/>; <paramref name="property"/>
    /// names the property in the error message.
    /// </summary>
    public static async Task WriteAsync(ITaskRunContext context, object? inputs, string directory, string property, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in Rendered(context, inputs, property))
        {
            var path = Resolve(directory, context.Render(name) ?? name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = File.Create(path);
            if (value is string text && text.StartsWith("kestra://", StringComparison.Ordinal))
            {
                // Through the run context: the same storage access check as every other file the task reads.
                await using var source = await context.Files.OpenAsync(text, cancellationToken);
                await source.CopyToAsync(file, cancellationToken);
            }
            else
            {
                var content = Encoding.UTF8.GetBytes(value as string ?? (value is null ? "" : PlainJson.Serialize(value)));
                await file.WriteAsync(content, cancellationToken);
            }
        }
    }

    /// <summary>The files of <paramref name="directory"/> as '/'-separated paths relative to it.</summary>
    public static IEnumerable<string> List(string directory) => Directory.Exists(directory)
        ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
        : [];

    /// <summary>The absolute path of a relative file name; one that leaves the directory is refused.</summary>
    public static string Resolve(string directory, string name)
    {
        var root = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(root, name.Replace('\\', '/').TrimStart('/')));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Input file '{name}' is outside the working directory");
        }

        return path;
    }

    private static IReadOnlyDictionary<string, object?> Rendered(ITaskRunContext context, object? inputs, string property) => inputs switch
    {
        null => new Dictionary<string, object?>(),
        string json => context.Render(json) is { } rendered && PlainValueConverter.FromElement(JsonDocument.Parse(rendered).RootElement) is IReadOnlyDictionary<string, object?> map
            ? map
            : throw new InvalidOperationException($"{property} {MapRequired}"),
        _ => context.RenderValue(inputs) as IReadOnlyDictionary<string, object?> ?? throw new InvalidOperationException($"{property} {MapRequired}"),
    };
}
