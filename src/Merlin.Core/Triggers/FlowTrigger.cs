using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Triggers;

/// <summary>
/// Starts an execution when an execution of another flow changes state and the conditions pass.
/// Definition only: the scheduler evaluates it.
/// </summary>
[Plugin("io.kestra.plugin.core.trigger.Flow", "io.kestra.core.models.triggers.types.Flow")]
public sealed class FlowTrigger : TriggerDefinition
{
    /// <summary>Rendered with the extra variable <c>trigger.outputs</c> (the upstream flow outputs).</summary>
    public Dictionary<string, object?>? Inputs { get; init; }

    /// <summary>The upstream states that trigger; null means every terminated state.</summary>
    public List<StateType>? States { get; init; }
    public FlowPreconditions? Preconditions { get; init; }

    /// <summary>The upstream states that trigger, with Kestra's default (all terminated types) applied.</summary>
    public IReadOnlyList<StateType> EffectiveStates() =>
        States ?? Enum.GetValues<StateType>().Where(s => s.IsTerminated()).ToList();
}
