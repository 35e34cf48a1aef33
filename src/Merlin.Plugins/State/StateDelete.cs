using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.State;

/// <summary>Deprecated (use KV): deletes a state file; outputs <c>deleted</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.state.Delete", "io.kestra.core.tasks.states.Delete")]
public sealed class StateDelete : RunnableTask
{
    public string Name { get; init; } = "default";
    public bool Namespace { get; init; }
    public bool TaskrunValue { get; init; } = true;
    public bool ErrorOnMissing { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
