using System.Text;
using System.Text.Json;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Log;

/// <summary>
/// Writes the log entries of an execution (the current one by default), optionally of some tasks only, at or above
/// <see cref="Level"/>, to a file of one JSON object per line (valid ION text); outputs <c>uri</c> and <c>size</c>.
/// </summary>
[Plugin("io.kestra.plugin.core.log.Fetch", "io.kestra.core.tasks.log.Fetch")]
public sealed class FetchLogs : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public string? ExecutionId { get; init; }
    public List<string>? TasksId { get; init; }
    public Level Level { get; init; } = Level.INFO;

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executionId = ExecutionId is null ? context.Execution.Id : context.RenderRequired(ExecutionId, "executionId");
        var entries = await context.Logs.ListAsync(executionId, Level, cancellationToken);
        var selected = TasksId is null
            ? entries
            : entries.Where(e => e.TaskId is not null && TasksId.Contains(e.TaskId)).ToList();

        using var content = new MemoryStream();
        foreach (var entry in selected)
        {
            content.Write(Encoding.UTF8.GetBytes(PlainJson.Serialize(entry) + "\n"));
        }

        content.Position = 0;
        var uri = await context.Files.PutAsync(Guid.NewGuid().ToString("N") + ".ion", content, cancellationToken);
        return TaskResult.Of(("uri", uri), ("size", (long)selected.Count));
    }
}
