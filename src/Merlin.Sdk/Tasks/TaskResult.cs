using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Tasks;

/// <summary>What a runnable task returns: its outputs and, rarely, a non-success final state (WARNING).</summary>
public sealed record TaskResult(IReadOnlyDictionary<string, object?> Outputs, StateType State = StateType.SUCCESS)
{
    public static TaskResult Empty { get; } = new(new Dictionary<string, object?>());

    public static TaskResult Of(params (string Key, object? Value)[] outputs) =>
        new(outputs.ToDictionary(o => o.Key, o => o.Value));
}
