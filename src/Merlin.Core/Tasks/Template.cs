using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Deprecated: inlines a stored template. Known to the parser so old flows load.</summary>
[Plugin("io.kestra.plugin.core.flow.Template", "io.kestra.core.tasks.flows.Template")]
public sealed class Template : TaskDefinition
{
    [Required] public string Namespace { get; init; } = "";
    [Required] public string TemplateId { get; init; } = "";
    public Dictionary<string, object?>? Args { get; init; }
}
