using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Node;

/// <summary>Runs commands (typically <c>node main.js</c> on input or namespace files) as a local process.</summary>
[Plugin("io.kestra.plugin.scripts.node.Commands")]
public sealed class NodeCommands : CommandsScript;
