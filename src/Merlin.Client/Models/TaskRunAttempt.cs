namespace Merlin.Client.Models;

/// <summary>One attempt of a task run.</summary>
public sealed record TaskRunAttempt(ExecutionState State);
