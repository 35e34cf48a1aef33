using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Pauses the execution until resumed (API), until <c>delay</c> elapses, or fails after <c>timeout</c>.</summary>
[Plugin("io.kestra.plugin.core.flow.Pause", "io.kestra.core.tasks.flows.Pause")]
public sealed class Pause : FlowableTask, IValidatableTask
{
    public string? Delay { get; init; }
    public string? PauseDuration { get; init; }
    public List<InputDefinition>? OnResume { get; init; }
    public List<TaskDefinition>? Tasks { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks ?? [];

    public IEnumerable<string> Validate() => IsoDuration.Check(("delay", Delay), ("pauseDuration", PauseDuration));
}
