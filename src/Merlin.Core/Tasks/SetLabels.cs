using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Adds or replaces labels of the running execution (<c>execution.Labels</c>); applied by the executor.</summary>
[Plugin("io.kestra.plugin.core.execution.Labels", "io.kestra.core.tasks.executions.Labels")]
public sealed class SetLabels : TaskDefinition
{
    /// <summary>A map, a list of {key, value}, or a JSON string of a map.</summary>
    [Required] public object? Labels { get; init; }
}
