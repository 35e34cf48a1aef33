namespace Merlin.Core.Executions;

/// <summary>What started an execution: a trigger id and type plus its variables (<c>trigger.*</c> in templates).</summary>
public sealed record ExecutionTrigger(string Id, string Type, IReadOnlyDictionary<string, object?> Variables);
