using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Conditions;

/// <summary>True when <c>expression</c> renders to something other than blank or <c>"false"</c>.</summary>
[Plugin("io.kestra.plugin.core.condition.Expression", "io.kestra.core.models.conditions.types.VariableCondition", "io.kestra.plugin.core.condition.ExpressionCondition")]
public sealed class ExpressionCondition : ConditionDefinition
{
    [Required] public string Expression { get; init; } = "";
}
