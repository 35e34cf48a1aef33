using Merlin.Plugins.Scripts.Exec;
using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Scripts.Shell;

/// <summary>Runs shell commands with the interpreter (<c>/bin/sh -c</c> by default) as a local process.</summary>
[Plugin("io.kestra.plugin.scripts.shell.Commands")]
public sealed class ShellCommands : CommandsScript;
