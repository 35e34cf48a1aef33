using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Shell;

/// <summary>Runs shell commands with the interpreter (<c>/bin/sh -c</c> by default) as a local process.</summary>
[Plugin("io.kestra.plugin.scripts.shell.Commands")]
public sealed class ShellCommands : CommandsScript;
