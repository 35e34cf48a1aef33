using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Deprecated sequential loop; behaves as ForEach with concurrencyLimit 1.</summary>
[Plugin("io.kestra.plugin.core.flow.EachSequential", "io.kestra.core.tasks.flows.EachSequential")]
public sealed class EachSequential : FlowableTask
{
    [Required] public object? Value { get; init; }
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
