namespace Merlin.Core.Executions;

/// <summary>One attempt of a task run; <see cref="LogFile"/> is where its logs went with <c>logToFile</c>.</summary>
public sealed record TaskRunAttempt(State State, string? LogFile = null)
{
    /// <summary>A new attempt, as Kestra starts one: CREATED, then RUNNING.</summary>
    public static TaskRunAttempt Started(DateTimeOffset now) => new(State.Create(now).With(StateType.RUNNING, now));
}
