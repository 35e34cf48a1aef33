using System.Text.RegularExpressions;

namespace Merlin.Core.Storage;

/// <summary>
/// Kestra's internal storage URIs, one home for building and reading them: the layout
/// (<c>kestra:///&lt;ns as path&gt;/&lt;flow slug&gt;/executions/&lt;id&gt;/...</c>, <c>kestra:///&lt;ns as path&gt;/_files/...</c>)
/// and the segments a URI names, refusing anything that could leave the store.
/// </summary>
public static partial class StoragePaths
{
    public const string Scheme = "kestra://";

    public static string ExecutionPrefix(string @namespace, string flowId, string executionId) =>
        $"{Scheme}/{AsPath(@namespace)}/{Slug(flowId)}/executions/{executionId}/";

    public static string Input(string @namespace, string flowId, string executionId, string inputId, string fileName) =>
        ExecutionPrefix(@namespace, flowId, executionId) + $"inputs/{inputId}/{SafeName(fileName)}";

    public static string TaskFile(string @namespace, string flowId, string executionId, string taskId, string taskRunId, string fileName) =>
        TaskPrefix(@namespace, flowId, executionId, taskId, taskRunId) + "/" + SafeName(fileName);

    /// <summary>The folder of a task run's files, without a trailing slash.</summary>
    public static string TaskPrefix(string @namespace, string flowId, string executionId, string taskId, string taskRunId) =>
        ExecutionPrefix(@namespace, flowId, executionId) + $"tasks/{Slug(taskId)}/{taskRunId}";

    /// <summary>The folder of a namespace's files, with a trailing slash.</summary>
    /// <summary>Where a WorkingDirectory's <c>cache</c> archive is kept: per namespace, flow and task, outside any execution.</summary>
    public static string WorkingDirectoryCache(string @namespace, string flowId, string taskId) =>
        $"{Scheme}/{AsPath(@namespace)}/{Slug(flowId)}/_cache/{Slug(taskId)}/cache.zip";

    public static string NamespaceFilesPrefix(string @namespace) => $"{Scheme}/{AsPath(@namespace)}/_files/";

    /// <summary>Kestra's slugify (<see cref="Merlin.Sdk.Values.Slug"/>).</summary>
    public static string Slug(string text) => Merlin.Sdk.Values.Slug.Of(text);

    /// <summary>
    /// A client's file name as one URI segment: its last path part, characters other than letters, digits, '.', '-'
    /// and '_' (percent signs, slashes, NUL...) replaced by '_', no leading dot, at most 100 characters (extension kept).
    /// </summary>
    public static string SafeName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = UnsafeChar().Replace(Path.GetFileName(fileName.Replace('\\', '/')), "_").TrimStart('.');
        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 1 and <= 16 ? extension : "";
            name = name[..(MaxFileNameLength - extension.Length)] + extension;
        }

        return name.Trim('_').Length == 0 ? "file" : name;
    }

    /// <summary>
    /// The decoded path segments of a <c>kestra:///</c> URI (none for the root, when <paramref name="allowRoot"/>);
    /// <c>..</c> or <c>.</c> segments, backslashes, NUL and empty segments are refused, percent-encoded or not.
    /// </summary>
    public static string[] Segments(string uri, bool allowRoot)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || uri.Length == Scheme.Length || uri[Scheme.Length] != '/')
        {
            throw new InvalidStorageUriException($"Not an internal storage URI (kestra:///...): {uri}");
        }

        var encoded = uri[(Scheme.Length + 1)..].TrimEnd('/');
        if (encoded.Length == 0)
        {
            return allowRoot ? [] : throw new InvalidStorageUriException($"The URI names no file: {uri}");
        }

        var segments = encoded.Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\') || s.Contains('\0') || s.Contains('/')))
        {
            throw new InvalidStorageUriException($"Invalid path in storage URI: {uri}");
        }

        return segments;
    }

    private static string AsPath(string @namespace) => @namespace.Replace('.', '/');

    private const int MaxFileNameLength = 100;

    [GeneratedRegex(@"[^\p{L}\p{N}._-]")]
    private static partial Regex UnsafeChar();
}
