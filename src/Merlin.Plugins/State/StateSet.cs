using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.State;

/// <summary>Deprecated (use KV): merges <c>data</c> into a state file; outputs <c>count</c>, <c>key</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.state.Set", "io.kestra.core.tasks.states.Set")]
public sealed class StateSet : RunnableTask
{
    public string Name { get; init; } = "default";
    public bool Namespace { get; init; }
    public bool TaskrunValue { get; init; } = true;
    public Dictionary<string, object?>? Data { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
