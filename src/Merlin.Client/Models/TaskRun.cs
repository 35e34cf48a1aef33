using System.Text.Json;

namespace Merlin.Client.Models;

/// <summary>One task's run inside an execution (Kestra's <c>TaskRun</c>).</summary>
public sealed record TaskRun
{
    public required string Id { get; init; }
    public required string ExecutionId { get; init; }
    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public required string TaskId { get; init; }
    public string? ParentTaskRunId { get; init; }
    public string? Value { get; init; }
    public int? Iteration { get; init; }
    public IReadOnlyList<TaskRunAttempt> Attempts { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement>? Outputs { get; init; }
    public required ExecutionState State { get; init; }
}
