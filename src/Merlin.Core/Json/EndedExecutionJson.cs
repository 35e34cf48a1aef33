using System.Runtime.CompilerServices;
using Merlin.Core.Executions;

namespace Merlin.Core.Json;

/// <summary>
/// An ended execution's JSON, written once: the store serializes it to save the end, and the answer to the
/// <c>?wait=true</c> request that waited for that end is the same text (an ended execution's JSON no longer changes:
/// its duration is fixed). The text lives as long as the execution object does, and no longer.
/// </summary>
public static class EndedExecutionJson
{
    private static readonly ConditionalWeakTable<Execution, string> Texts = new();

    /// <summary>The execution's JSON (<see cref="KestraJson"/>); remembered when it has ended.</summary>
    public static string Serialize(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!execution.State.IsTerminated)
        {
            return KestraJson.Serialize(execution);
        }

        if (Texts.TryGetValue(execution, out var text))
        {
            return text;
        }

        text = KestraJson.Serialize(execution);
        Texts.AddOrUpdate(execution, text);
        return text;
    }

    /// <summary>An ended execution read from <paramref name="json"/> (a store, a notification): answered with that text.</summary>
    public static Execution Remember(Execution execution, string json)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.State.IsTerminated)
        {
            Texts.AddOrUpdate(execution, json);
        }

        return execution;
    }

    /// <summary>The JSON already written for this ended execution object, if any.</summary>
    public static bool TryGet(Execution execution, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text) => Texts.TryGetValue(execution, out text);
}
