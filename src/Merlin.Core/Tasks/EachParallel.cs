using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Deprecated parallel loop; behaves as ForEach with concurrencyLimit = concurrent.</summary>
[Plugin("io.kestra.plugin.core.flow.EachParallel", "io.kestra.core.tasks.flows.EachParallel")]
public sealed class EachParallel : FlowableTask
{
    [Required] public object? Value { get; init; }
    public int Concurrent { get; init; }
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
