namespace Merlin.Runtime.Scheduler;

/// <summary>Scheduler and webhook settings, bound from the <c>Merlin:Triggers</c> configuration section.</summary>
public sealed class TriggerOptions
{
    /// <summary>Largest webhook body accepted, in bytes; a larger one is answered 413 before it is read.</summary>
    public long MaxWebhookBodySize { get; set; } = 10L * 1024 * 1024;

    /// <summary>The slow safety net: the scheduler re-evaluates at least this often even without a signal.</summary>
    public TimeSpan SafetyNetInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What a schedule without <c>recoverMissedSchedules</c> does on start-up (Kestra's default: ALL).</summary>
    public Merlin.Core.Triggers.RecoverMissedSchedules RecoverMissedSchedules { get; set; } = Merlin.Core.Triggers.RecoverMissedSchedules.ALL;
}
