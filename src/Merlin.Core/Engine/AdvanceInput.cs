namespace Merlin.Core.Engine;

/// <summary>
/// Everything an advance depends on besides the flow, the execution and the event, so that the same inputs give the
/// same result: the time, the environment (ids, <c>envs</c>) and, for flow concurrency, how many executions of the
/// flow are already admitted and unfinished (this one excepted). The runtime keeps that count
/// (<see cref="ExecutionEngine.NeedsAdmission"/> says when it is read).
/// </summary>
public readonly record struct AdvanceInput(DateTimeOffset Now, EngineEnvironment Environment, int AdmittedExecutions = 0);
