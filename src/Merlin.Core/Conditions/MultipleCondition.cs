using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Core.Triggers;

namespace Merlin.Core.Conditions;

/// <summary>
/// Deprecated (use Flow trigger preconditions): true once every named condition has been met by some
/// upstream execution within the time window.
/// </summary>
[Plugin("io.kestra.plugin.core.condition.MultipleCondition", "io.kestra.core.models.conditions.types.MultipleCondition")]
public sealed class MultipleCondition : ConditionDefinition
{
    [Required] public string Id { get; init; } = "";
    public TimeWindow TimeWindow { get; init; } = new();
    public bool ResetOnSuccess { get; init; } = true;

    /// <summary>Deprecated: use <see cref="TimeWindow"/>.</summary>
    public string? Window { get; init; }

    /// <summary>Deprecated: use <see cref="TimeWindow"/>.</summary>
    public string? WindowAdvance { get; init; }
    [Required] public Dictionary<string, ConditionDefinition> Conditions { get; init; } = [];
}
