using Merlin.Core.Flows;

namespace Merlin.Core.Tasks;

/// <summary>
/// ForEachItem's second step, run by the executor: one subflow execution per batch file (its inputs rendered with
/// <c>taskrun.items</c>, the batch URI, and <c>taskrun.iteration</c>, from 1), ended once every subflow has ended
/// (or at once without <c>wait</c>). Outputs <c>numberOfBatches</c> and <c>iterations</c>, a count per end state.
/// The subflow settings are those of <see cref="Parent"/>.
/// </summary>
public sealed class ForEachItemExecutable : TaskDefinition
{
    public const string Suffix = "_items";
    public const string KestraType = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemExecutable";

    public required ForEachItem Parent { get; init; }

    /// <summary>The id of the split step whose <c>splits</c> file lists the batches.</summary>
    public string SplitTaskId => Parent.Id + ForEachItemSplit.Suffix;
}
