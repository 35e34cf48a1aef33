using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.Execution;

/// <summary>Resumes a PAUSED execution (the current one by default) with optional <c>inputs</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.execution.Resume")]
public sealed class Resume : RunnableTask
{
    public string? Namespace { get; init; }
    public string? FlowId { get; init; }
    public string? ExecutionId { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
