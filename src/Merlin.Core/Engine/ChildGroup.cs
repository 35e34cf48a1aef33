using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>Tasks that run in order as one unit (a branch, or one loop iteration with its value).</summary>
internal sealed record ChildGroup(IReadOnlyList<TaskDefinition> Tasks, string? Value);
