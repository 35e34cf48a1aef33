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
        ExecutionPrefix(@namespace, flowId, executionId) + $"tasks/{Slug(taskId)}/{taskRunId}/{SafeName(fileName)}";

    /// <summary>Kestra's slugify: whitespace to '-', keep [\w-], '_' to '-', collapse dashes, trim, lower-case.</summary>
    public static string Slug(string text)
    {
        var slug = Whitespace().Replace(text.Trim(), "-");
        slug = NonWord().Replace(slug, "").Replace('_', '-');
        slug = Dashes().Replace(slug, "-").Trim('-');
        return slug.ToLowerInvariant();
    }

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) || name is "." or ".." ? "file" : name;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\w-]")]
    private static partial Regex NonWord();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
