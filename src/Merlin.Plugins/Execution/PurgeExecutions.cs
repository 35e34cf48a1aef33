using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Execution;

/// <summary>Deletes executions, logs, metrics and files in a date range; outputs the counts. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.execution.PurgeExecutions", "io.kestra.core.tasks.storages.Purge", "io.kestra.plugin.core.storage.Purge")]
public sealed class PurgeExecutions : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public string? StartDate { get; init; }
    [Required] public string EndDate { get; init; } = "";
    public List<StateType>? States { get; init; }
    public bool PurgeExecution { get; init; } = true;
    public bool PurgeLog { get; init; } = true;
    public bool PurgeMetric { get; init; } = true;
    public bool PurgeStorage { get; init; } = true;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
