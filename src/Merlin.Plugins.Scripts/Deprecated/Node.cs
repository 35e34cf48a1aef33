using Merlin.Core.Plugins;

namespace Merlin.Plugins.Scripts.Deprecated;

/// <summary>Deprecated (use <c>io.kestra.plugin.scripts.node.Script</c>): runs <c>node main.js</c> on its <c>inputFiles</c> by default.</summary>
[Plugin("io.kestra.core.tasks.scripts.Node")]
public sealed class Node : LegacyScript
{
    public override List<string> Commands { get; init; } = ["node main.js"];
}
