namespace Merlin.Runtime.Executions;

/// <summary>Kestra's internal storage layout: <c>kestra:///&lt;ns as path&gt;/&lt;flow slug&gt;/executions/&lt;id&gt;/...</c>.</summary>
public static class StoragePaths
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

    /// <summary>Kestra's slugify (<see cref="Core.Storage.Slug"/>).</summary>
    public static string Slug(string text) => Core.Storage.Slug.Of(text);

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) || name is "." or ".." ? "file" : name;
    }
}
