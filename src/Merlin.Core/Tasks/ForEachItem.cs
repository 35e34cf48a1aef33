using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>
/// Splits a file (<c>items</c>, a <c>kestra://</c> URI) into batches and starts one subflow execution per batch.
/// As in Kestra it runs as three child tasks: <c>{id}_split</c> writes the batch files, <c>{id}_items</c> starts the
/// subflows and counts their end states (<c>iterations</c>), <c>{id}_merge</c> gathers the subflows' outputs.
/// </summary>
[Plugin("io.kestra.plugin.core.flow.ForEachItem", "io.kestra.core.tasks.flows.ForEachItem")]
public sealed class ForEachItem : FlowableTask
{
    private List<TaskDefinition>? _children;

    [Required] public string Items { get; init; } = "";
    public Dictionary<string, object?>? Batch { get; init; }
    [Required] public string Namespace { get; init; } = "";
    [Required] public string FlowId { get; init; } = "";
    public int? Revision { get; init; }
    public Dictionary<string, object?>? Inputs { get; init; }
    public object? Labels { get; init; }
    public bool Wait { get; init; } = true;
    public bool TransmitFailed { get; init; } = true;
    public bool InheritLabels { get; init; }
    public string? ScheduleDate { get; init; }

    /// <summary>The three generated tasks, built once (the flow revision is immutable).</summary>
    public override IEnumerable<TaskDefinition> AllChildren() => LazyInitializer.EnsureInitialized(ref _children, () =>
    [
        new ForEachItemSplit { Id = Id + ForEachItemSplit.Suffix, Type = ForEachItemSplit.KestraType, Items = Items, Batch = Batch },
        new ForEachItemExecutable
        {
            Id = Id + ForEachItemExecutable.Suffix, Type = ForEachItemExecutable.KestraType, Parent = this,
            AllowFailure = AllowFailure, AllowWarning = AllowWarning,
        },
        new ForEachItemMergeOutputs { Id = Id + ForEachItemMergeOutputs.Suffix, Type = ForEachItemMergeOutputs.KestraType },
    ]);
}
