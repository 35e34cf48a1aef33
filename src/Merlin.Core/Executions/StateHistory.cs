namespace Merlin.Core.Executions;

public sealed record StateHistory(StateType State, DateTimeOffset Date);
