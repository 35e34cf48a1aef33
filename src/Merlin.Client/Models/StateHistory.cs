namespace Merlin.Client.Models;

/// <summary>One state an execution or task run went through, and when.</summary>
public sealed record StateHistory(StateType State, DateTimeOffset Date);
