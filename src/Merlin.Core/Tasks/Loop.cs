using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>
/// Kestra 2.0's loop: runs <see cref="Tasks"/> once per value, each iteration in its own scope (<c>item.*</c>, outputs
/// of its own task runs, those the loop sees), at most <see cref="ConcurrencyLimit"/> iterations at once. Each iteration
/// is an execution of its own, of kind LOOP (see docs/architecture.md).
/// </summary>
[Plugin("io.kestra.plugin.core.flow.Loop")]
public sealed class Loop : FlowableTask, IValidatableTask
{
    private static readonly string[] FetchTypes = ["AUTO", "FETCH", "STORE"];

    /// <summary>A list, a map (one iteration per entry, <c>item.key</c>), or a string rendered to a JSON array.</summary>
    [Required] public object? Values { get; init; }

    /// <summary>Iterations run at once; 0 (Kestra's default) is unlimited, 1 is one after another.</summary>
    public int ConcurrencyLimit { get; init; }

    /// <summary>A failed or killed iteration fails the loop and stops new iterations.</summary>
    public bool TransmitFailed { get; init; } = true;

    /// <summary>Values rendered in each iteration's scope when it ends, listed in the loop's <c>outputs</c> output.</summary>
    public List<OutputDefinition>? Outputs { get; init; }

    /// <summary>AUTO, FETCH or STORE; only FETCH (outputs inline) is implemented, so every value means FETCH.</summary>
    public string FetchType { get; init; } = "AUTO";

    /// <summary>Rendered after each iteration (with <c>item</c> and <c>iteration.state/outputs</c>); truthy stops new iterations.</summary>
    public string? BreakWhen { get; init; }

    [Required] public List<TaskDefinition> Tasks { get; init; } = [];

    /// <summary>Runs at the end of each iteration, whatever its state (as in Kestra).</summary>
    public List<TaskDefinition>? Finally { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Finally is null ? Tasks : Tasks.Concat(Finally);

    public IEnumerable<string> Validate()
    {
        if (ConcurrencyLimit < 0)
        {
            yield return "concurrencyLimit: must be greater than or equal to 0";
        }

        if (!FetchTypes.Contains(FetchType))
        {
            yield return $"fetchType: must be one of AUTO, FETCH, STORE, got '{FetchType}'";
        }
    }
}
