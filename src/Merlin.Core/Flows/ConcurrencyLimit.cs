using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>Flow <c>concurrency</c>: at most <c>limit</c> RUNNING or PAUSED executions; the rest QUEUE, CANCEL or FAIL.</summary>
public sealed class ConcurrencyLimit
{
    [Required] public int Limit { get; init; }
    public string Behavior { get; init; } = "QUEUE";
}
