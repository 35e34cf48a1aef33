using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Runs its children repeatedly until <c>condition</c> is truthy or a limit is reached.</summary>
[Plugin("io.kestra.plugin.core.flow.WaitFor")]
public sealed class WaitFor : FlowableTask, IValidatableTask
{
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];
    [Required] public string Condition { get; init; } = "";
    public CheckFrequency CheckFrequency { get; init; } = new();
    public bool FailOnMaxReached { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;

    public IEnumerable<string> Validate() =>
        IsoDuration.Check(("checkFrequency.interval", CheckFrequency.Interval), ("checkFrequency.maxDuration", CheckFrequency.MaxDuration));
}
