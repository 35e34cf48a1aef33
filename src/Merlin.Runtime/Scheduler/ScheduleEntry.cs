using Merlin.Core.Flows;
using Merlin.Core.Triggers;

namespace Merlin.Runtime.Scheduler;

/// <summary>One Schedule trigger of one live flow, as the scheduler keeps it in memory between evaluations.</summary>
internal sealed class ScheduleEntry(Flow flow, ScheduleTrigger trigger, ScheduleDates dates)
{
    public Flow Flow { get; } = flow;
    public ScheduleTrigger Trigger { get; } = trigger;
    public ScheduleDates Dates { get; } = dates;

    /// <summary>The next date to fire (a copy of the stored state's), null when the cron never fires again.</summary>
    public DateTimeOffset? Next { get; set; }

    /// <summary>The execution this trigger started and that has not ended yet: no fire until it ends.</summary>
    public string? Running { get; set; }

    /// <summary>Set when the running execution ended: the next evaluation releases the trigger even if no date is due.</summary>
    public bool Released { get; set; }

    public (string Namespace, string FlowId, string TriggerId) Key => (Flow.Namespace, Flow.Id, Trigger.Id);

    /// <summary>Whether the timer should wake for this entry: a due date that is not blocked by a running execution.</summary>
    public DateTimeOffset? WakeAt => Released ? DateTimeOffset.MinValue : Running is null ? Next : null;
}
