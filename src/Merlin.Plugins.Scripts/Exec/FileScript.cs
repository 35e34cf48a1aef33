using Merlin.Core.Plugins;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>Writes its <c>script</c> to a file of the working directory and runs it with the language's program.</summary>
public abstract class FileScript : ExecScript
{
    /// <summary>The script's content (rendered), not a path: to run a file, use the Commands task.</summary>
    [Required] public string Script { get; init; } = "";

    /// <summary>The file's extension, with its dot.</summary>
    protected abstract string Extension { get; }

    /// <summary>The program running the file (found on the PATH).</summary>
    protected abstract string Program { get; }

    /// <summary>Text put before the script (Python's JSON-style literals).</summary>
    protected virtual string Prelude => "";

    protected override async Task<IReadOnlyList<string>> MainCommandsAsync(ScriptRun run, CancellationToken cancellationToken)
    {
        var content = await run.LocalizeAsync(run.Render(Script), cancellationToken);
        var path = await run.WriteScriptAsync(Prelude + content, Extension, cancellationToken);
        return [$"{Program} {path}"];
    }
}
