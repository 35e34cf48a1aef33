namespace Merlin.Plugins.Scripts.Exec;

/// <summary>The script tasks of <c>io.kestra.plugin.scripts.*</c>: an <c>interpreter</c> list and <c>failFast</c>.</summary>
public abstract class ExecScript : ScriptTask
{
    /// <summary>The interpreter and its arguments; the joined commands are appended as the last argument.</summary>
    public List<string> Interpreter { get; init; } = ["/bin/sh", "-c"];

    /// <summary>Stops at the first failing command (<c>set -e</c>).</summary>
    public bool FailFast { get; init; } = true;

    protected override IReadOnlyList<string> InterpreterCommand => Interpreter;

    protected override bool StopOnFirstFailure => FailFast;
}
