using Merlin.Core.Plugins;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>Runs its <c>commands</c>, one per line, after <c>beforeCommands</c>, in one shell.</summary>
public abstract class CommandsScript : ExecScript
{
    /// <summary>The commands, each rendered; <c>kestra://</c> URIs in them become local file paths.</summary>
    [Required] public List<string> Commands { get; init; } = [];

    protected override Task<IReadOnlyList<string>> MainCommandsAsync(ScriptRun run, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Commands.Select(run.Render).ToList());
}
