using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>Deprecated (use ExecutionNamespace): true when the upstream namespace equals, or starts with when <c>prefix</c>, this one.</summary>
[Plugin("io.kestra.plugin.core.condition.FlowNamespaceCondition", "io.kestra.core.models.conditions.types.FlowNamespaceCondition")]
public sealed class FlowNamespaceCondition : ConditionDefinition
{
    [Required] public string Namespace { get; init; } = "";
    public bool Prefix { get; init; }
}
