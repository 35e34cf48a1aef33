using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

[Plugin("io.kestra.plugin.core.flow.ForEach")]
public sealed class ForEach : FlowableTask
{
    /// <summary>A JSON-array string (rendered) or a list.</summary>
    [Required] public object? Values { get; init; }

    /// <summary>Iterations run at once; 1 (default) is sequential, 0 is unlimited.</summary>
    public int ConcurrencyLimit { get; init; } = 1;

    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;
}
