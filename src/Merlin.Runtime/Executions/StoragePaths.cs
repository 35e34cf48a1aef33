using System.Text.RegularExpressions;

namespace Merlin.Runtime.Executions;

/// <summary>Kestra's internal storage layout: <c>kestra:///&lt;ns as path&gt;/&lt;flow slug&gt;/executions/&lt;id&gt;/...</c>.</summary>
public static partial class StoragePaths
{
    public static string ExecutionPrefix(string @namespace, string flowId, string executionId) =>
        $"kestra:///{@namespace.Replace('.', '/')}/{Slug(flowId)}/executions/{executionId}/";

    public static string Input(string @namespace, string flowId, string executionId, string inputId, string fileName) =>
        ExecutionPrefix(@namespace, flowId, executionId) + $"inputs/{inputId}/{SafeName(fileName)}";

    public static string TaskFile(string @namespace, string flowId, string executionId, string taskId, string taskRunId, string fileName) =>
        TaskPrefix(@namespace, flowId, executionId, taskId, taskRunId) + "/" + SafeName(fileName);

    /// <summary>The folder of a task run's files, without a trailing slash.</summary>
    public static string TaskPrefix(string @namespace, string flowId, string executionId, string taskId, string taskRunId) =>
        ExecutionPrefix(@namespace, flowId, executionId) + $"tasks/{Slug(taskId)}/{taskRunId}";

    /// <summary>Kestra's slugify (<see cref="Merlin.Sdk.Values.Slug"/>).</summary>
    public static string Slug(string text) => Merlin.Sdk.Values.Slug.Of(text);

    /// <summary>
    /// A client's file name as one URI segment: its last path part, characters other than letters, digits, '.', '-'
    /// and '_' (percent signs, slashes, NUL...) replaced by '_', no leading dot, at most 100 characters (extension kept).
    /// </summary>
    public static string SafeName(string fileName)
    {
        var name = UnsafeChar().Replace(Path.GetFileName(fileName.Replace('\\', '/')), "_").TrimStart('.');
        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length is > 1 and <= 16 ? extension : "";
            name = name[..(MaxFileNameLength - extension.Length)] + extension;
        }

        return name.Trim('_').Length == 0 ? "file" : name;
    }

    private const int MaxFileNameLength = 100;

    [GeneratedRegex(@"[^\p{L}\p{N}._-]")]
    private static partial Regex UnsafeChar();
}
