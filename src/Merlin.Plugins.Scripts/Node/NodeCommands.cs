using Merlin.Plugins.Scripts.Exec;
using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Scripts.Node;

/// <summary>Runs commands (typically <c>node main.js</c> on input or namespace files) as a local process.</summary>
[Plugin("io.kestra.plugin.scripts.node.Commands")]
public sealed class NodeCommands : CommandsScript;
