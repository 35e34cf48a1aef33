namespace Merlin.Core.Executions;

/// <summary>One run of a task by a worker.</summary>
public sealed record TaskRunAttempt(State State);
