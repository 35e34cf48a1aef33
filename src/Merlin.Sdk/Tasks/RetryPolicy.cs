using Merlin.Sdk.Plugins;

namespace Merlin.Sdk.Tasks;

/// <summary>A retry policy (<c>constant</c>, <c>exponential</c> or <c>random</c>); <c>maxAttempt</c> counts every attempt.</summary>
public sealed class RetryPolicy
{
    [Required] public string Type { get; init; } = "";
    public int? MaxAttempt { get; init; }
    public string? MaxDuration { get; init; }
    public bool WarningOnRetry { get; init; }
    public string Behavior { get; init; } = "RETRY_FAILED_TASK";
    public string? Interval { get; init; }
    public string? MaxInterval { get; init; }
    public string? MinInterval { get; init; }
    public double? DelayFactor { get; init; }
}
