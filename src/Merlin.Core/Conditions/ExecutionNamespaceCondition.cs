using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>Compares the upstream namespace with <c>namespace</c> (EQUALS, PREFIX, SUFFIX; legacy <c>prefix: true</c> means PREFIX).</summary>
[Plugin("io.kestra.plugin.core.condition.ExecutionNamespace", "io.kestra.core.models.conditions.types.ExecutionNamespaceCondition", "io.kestra.plugin.core.condition.ExecutionNamespaceCondition")]
public sealed class ExecutionNamespaceCondition : ConditionDefinition
{
    [Required] public string Namespace { get; init; } = "";
    public NamespaceComparison? Comparison { get; init; }
    public bool Prefix { get; init; }

    /// <summary>The comparison to apply: <see cref="Comparison"/>, else PREFIX when <see cref="Prefix"/>, else EQUALS.</summary>
    public NamespaceComparison EffectiveComparison => Comparison ?? (Prefix ? NamespaceComparison.PREFIX : NamespaceComparison.EQUALS);
}
