using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Log;

/// <summary>Deletes logs by namespace, flow, levels and date range; outputs <c>count</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.log.PurgeLogs")]
public sealed class PurgeLogs : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public List<Level>? LogLevels { get; init; }
    public string? StartDate { get; init; }
    [Required] public string EndDate { get; init; } = "";

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
