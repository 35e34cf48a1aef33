namespace Merlin.Bench.Http;

/// <summary>What the benchmark reads from an execution JSON: its id, <c>state.current</c> and <c>state.duration</c> (seconds).</summary>
public sealed record ExecutionSummary(string? Id, string State, double? DurationSeconds)
{
    public bool IsSuccess => State == "SUCCESS";

    public bool IsTerminated => State is "SUCCESS" or "FAILED" or "KILLED" or "WARNING" or "CANCELLED" or "SKIPPED" or "RETRIED" || State.StartsWith("HTTP", StringComparison.Ordinal);
}
