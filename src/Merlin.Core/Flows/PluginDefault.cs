using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>A <c>pluginDefaults</c> entry: values merged into every node whose type equals or starts with <c>type</c>.</summary>
public sealed class PluginDefault
{
    [Required] public string Type { get; init; } = "";
    public bool Forced { get; init; }
    public Dictionary<string, object?> Values { get; init; } = [];
}
