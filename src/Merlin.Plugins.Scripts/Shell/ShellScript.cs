using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Shell;

/// <summary>Runs a multi-line shell script given inline, with the interpreter (<c>/bin/sh -c</c> by default).</summary>
[Plugin("io.kestra.plugin.scripts.shell.Script")]
public sealed class ShellScript : ExecScript
{
    /// <summary>The script's content (rendered), not a path: to run a file, use the Commands task.</summary>
    [Required] public string Script { get; init; } = "";

    protected override Task<IReadOnlyList<string>> MainCommandsAsync(ScriptRun run, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([run.Render(Script)]);
}
