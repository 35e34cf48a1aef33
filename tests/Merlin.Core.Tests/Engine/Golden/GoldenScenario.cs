using Merlin.Core.Executions;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// One recorded history: a flow (a conformance corpus file, or inline YAML) and how the simulated world answers it.
/// </summary>
/// <param name="Name">The history's file name (without <c>.json</c>).</param>
/// <param name="Flow">A path under <c>tests/conformance/</c>, or YAML when it holds a newline.</param>
/// <param name="Inputs">The execution's typed inputs.</param>
/// <param name="Answers">Per task id, the states the worker reports one after another (the last one repeats); by default
/// Fail tasks fail and the others succeed.</param>
/// <param name="KillOnFirstDispatch">Kill the execution as soon as its first task run is sent to a worker.</param>
/// <param name="ResumeWhenPaused">Resume a paused execution once nothing else is pending.</param>
/// <param name="Restarts">How many times a FAILED execution is restarted.</param>
/// <param name="Admitted">The flow's admitted count at the first advance (above its concurrency limit: queued, then admitted).</param>
internal sealed record GoldenScenario(
    string Name,
    string Flow,
    IReadOnlyDictionary<string, object?>? Inputs = null,
    IReadOnlyDictionary<string, StateType[]>? Answers = null,
    bool KillOnFirstDispatch = false,
    bool ResumeWhenPaused = false,
    int Restarts = 0,
    int Admitted = 0)
{
    public override string ToString() => Name;
}
