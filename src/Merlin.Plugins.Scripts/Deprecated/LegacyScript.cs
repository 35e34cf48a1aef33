using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Deprecated;

/// <summary>
/// Kestra's deprecated <c>io.kestra.core.tasks.scripts.*</c> tasks: an <c>interpreter</c> program with
/// <c>interpreterArgs</c>, <c>exitOnFailed</c>; they run like the new script tasks and also output
/// <c>stdOutLineCount</c> and <c>stdErrLineCount</c>.
/// </summary>
public abstract class LegacyScript : ScriptTask
{
    /// <summary>The commands, one per line.</summary>
    public virtual List<string> Commands { get; init; } = [];

    public string Interpreter { get; init; } = "/bin/sh";

    public List<string> InterpreterArgs { get; init; } = ["-c"];

    /// <summary>Stops at the first failing command (<c>set -e</c>).</summary>
    public bool ExitOnFailed { get; init; } = true;

    protected override IReadOnlyList<string> InterpreterCommand => [Interpreter, .. InterpreterArgs];

    protected override bool StopOnFirstFailure => ExitOnFailed;

    protected override Task<IReadOnlyList<string>> MainCommandsAsync(ScriptRun run, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Commands.Select(run.Render).ToList());

    protected override void AddOutputs(Dictionary<string, object?> outputs, ScriptLogConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(consumer);
        outputs["stdOutLineCount"] = consumer.StdOutCount;
        outputs["stdErrLineCount"] = consumer.StdErrCount;
    }
}
