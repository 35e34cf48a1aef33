using Merlin.Core.Plugins;

namespace Merlin.Plugins.Scripts.Deprecated;

/// <summary>Deprecated (use <c>io.kestra.plugin.scripts.shell.Commands</c>): runs shell commands.</summary>
[Plugin("io.kestra.core.tasks.scripts.Bash")]
public sealed class Bash : LegacyScript
{
    [Required] public override List<string> Commands { get; init; } = [];
}
