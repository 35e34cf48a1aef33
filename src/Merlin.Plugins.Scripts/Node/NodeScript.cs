using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Node;

/// <summary>Writes its inline <c>script</c> to a <c>.js</c> file and runs it with <c>node</c>.</summary>
[Plugin("io.kestra.plugin.scripts.node.Script")]
public sealed class NodeScript : FileScript
{
    protected override string Extension => ".js";

    protected override string Program => "node";
}
