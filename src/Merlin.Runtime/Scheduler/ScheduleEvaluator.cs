using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Storage;
using Merlin.Core.Triggers;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Scheduler;

/// <summary>
/// The Schedule logic, single-threaded (the <see cref="Scheduler"/> loop is its only caller): loads the schedules of the
/// live flows, fires the due ones and tells when it next needs to run. The stored <see cref="TriggerState"/> is the truth:
/// the next date and the pre-generated execution id are saved <em>before</em> the execution is created, and a state whose
/// execution does not exist is re-created under the same id, so a restart neither skips nor doubles a fire.
/// </summary>
public sealed class ScheduleEvaluator(
    ITriggerStateRepository states,
    ITriggerLauncher launcher,
    ScheduleFirer firer,
    IExecutionQueue queue,
    TimeProvider clock,
    TriggerOptions options,
    ILogger<ScheduleEvaluator> logger)
{
    private const int MaxStepsPerEntry = 1000;
    private readonly Dictionary<(string, string, string), ScheduleEntry> _entries = [];
    private readonly Dictionary<string, ScheduleEntry> _byExecution = new(StringComparer.Ordinal);

    /// <summary>The earliest date at which <see cref="EvaluateAsync"/> has work, null when none is known.</summary>
    public DateTimeOffset? NextWake => _entries.Values.Select(e => e.WakeAt).Where(d => d is not null).Min();

    /// <summary>Rebuilds the schedules from the live flows; on <paramref name="startup"/>, applies <c>recoverMissedSchedules</c>.</summary>
    public async Task LoadAsync(IReadOnlyList<Flow> flows, bool startup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var now = clock.GetUtcNow();
        var previous = new Dictionary<(string, string, string), ScheduleEntry>(_entries);
        _entries.Clear();
        _byExecution.Clear();
        foreach (var flow in flows.Where(f => !f.Deleted))
        {
            foreach (var trigger in flow.Triggers.OfType<ScheduleTrigger>())
            {
                var key = (flow.Namespace, flow.Id, trigger.Id);
                var entry = previous.TryGetValue(key, out var known) && known.Flow.Revision == flow.Revision
                    ? known
                    : await CreateEntryAsync(flow, trigger, startup, now, cancellationToken);
                if (entry is not null)
                {
                    Track(entry);
                }
            }
        }

        await ForgetRemovedAsync(flows, cancellationToken);
    }

    /// <summary>Marks the trigger that started <paramref name="execution"/> for release; true if one did.</summary>
    public bool OnExecutionEnded(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!execution.State.IsTerminated || !_byExecution.TryGetValue(execution.Id, out var entry))
        {
            return false;
        }

        entry.Released = true;
        return true;
    }

    /// <summary>Makes the next evaluation re-read the stored state of a trigger (changed through the API).</summary>
    public void Refresh(string @namespace, string flowId, string triggerId)
    {
        if (_entries.TryGetValue((@namespace, flowId, triggerId), out var entry))
        {
            entry.Released = true;
        }
    }

    /// <summary>Fires every due schedule (and releases ended ones); returns <see cref="NextWake"/>.</summary>
    public async Task<DateTimeOffset?> EvaluateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _entries.Values.ToList())
        {
            try
            {
                await EvaluateEntryAsync(entry, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Schedule {Namespace}.{FlowId}.{TriggerId} failed to evaluate", entry.Flow.Namespace, entry.Flow.Id, entry.Trigger.Id);
            }
        }

        return NextWake;
    }

    private async Task EvaluateEntryAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        var due = entry.Released || (entry.Running is null && entry.Next <= clock.GetUtcNow())
            || (entry.Running is not null && entry.Next <= clock.GetUtcNow() - options.SafetyNetInterval); // the slow safety net for a missed end signal
        if (!due)
        {
            return;
        }

        entry.Released = false;
        var state = await states.GetAsync(entry.Flow.Namespace, entry.Flow.Id, entry.Trigger.Id, cancellationToken) ?? NewState(entry, entry.Next);
        for (var step = 0; step < MaxStepsPerEntry; step++)
        {
            var now = clock.GetUtcNow();
            var (next, stop) = await StepAsync(entry, state, now, cancellationToken);
            Untrack(entry);
            entry.Next = next.NextExecutionDate;
            entry.Running = next.ExecutionId;
            Track(entry);
            if (next != state)
            {
                await states.SaveAsync(next with { Updated = now }, cancellationToken);
            }

            if (stop)
            {
                return;
            }

            state = next;
        }
    }

    /// <summary>One decision on a trigger state: release, skip, or fire. Returns the new state and whether to stop.</summary>
    private async Task<(TriggerState State, bool Stop)> StepAsync(ScheduleEntry entry, TriggerState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state.ExecutionId is { } running)
        {
            var execution = await launcher.GetAsync(running, cancellationToken);
            if (execution is null && state.Date is { } pending)
            {
                // Saved but never created (crash in between): create it now, under the same id.
                return (await firer.LaunchAsync(entry, state, pending, running, cancellationToken), true);
            }

            if (execution is not null && !execution.State.IsTerminated)
            {
                return (state, true);
            }

            state = state with { ExecutionId = null, Disabled = state.Disabled || StopsAfter(entry.Trigger, execution) };
        }

        if (state.NextExecutionDate is not { } date || date > now)
        {
            return (state, true);
        }

        if (state.Disabled || entry.Trigger.Disabled || entry.Flow.Disabled)
        {
            // Dates pass without firing while disabled, so that enabling again does not fire a burst.
            return (state with { NextExecutionDate = entry.Dates.Next(now) }, true);
        }

        if (entry.Trigger.LateMaximumDelay is { } late && IsoDuration.TryParse(late, out var delay) && now - date > delay)
        {
            logger.LogWarning("Schedule {FlowId}.{TriggerId}: skipping {Date}, later than lateMaximumDelay {Delay}", entry.Flow.Id, entry.Trigger.Id, date, late);
            return (state with { NextExecutionDate = entry.Dates.Next(now - delay - TimeSpan.FromTicks(1)) }, false);
        }

        if (!firer.ConditionsPass(entry, date))
        {
            return (state with { NextExecutionDate = entry.Dates.Next(date) }, false);
        }

        var id = ExecutionIds.New(queue, entry.Flow, () => Ids.CreateOrdered(clock));
        var fired = state with { Date = date, NextExecutionDate = entry.Dates.Next(date), ExecutionId = id, FlowRevision = entry.Flow.Revision };
        await states.SaveAsync(fired with { Updated = now }, cancellationToken);
        return (await firer.LaunchAsync(entry, fired, date, id, cancellationToken), true);
    }

    private async Task<ScheduleEntry?> CreateEntryAsync(Flow flow, ScheduleTrigger trigger, bool startup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ScheduleDates dates;
        try
        {
            dates = new ScheduleDates(trigger);
        }
        catch (Exception e) when (e is Cronos.CronFormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            logger.LogWarning("Schedule {Namespace}.{FlowId}.{TriggerId} ignored: {Error}", flow.Namespace, flow.Id, trigger.Id, e.Message);
            return null;
        }

        var entry = new ScheduleEntry(flow, trigger, dates);
        var stored = await states.GetAsync(flow.Namespace, flow.Id, trigger.Id, cancellationToken);
        var state = stored is null ? NewState(entry, dates.Next(now)) : Recover(entry, stored, startup, now);
        if (state != stored)
        {
            await states.SaveAsync(state with { Updated = now }, cancellationToken);
        }

        entry.Next = state.NextExecutionDate;
        entry.Running = state.ExecutionId;
        entry.Released = state.ExecutionId is not null; // check at once whether it ended while we were not looking
        return entry;
    }

    /// <summary>A known state after a restart or a flow change: keep its next date when the cron still produces it.</summary>
    private TriggerState Recover(ScheduleEntry entry, TriggerState state, bool startup, DateTimeOffset now)
    {
        var dates = entry.Dates;
        var next = state.NextExecutionDate;
        if (next is { } n && dates.Next(n - TimeSpan.FromTicks(1)) != n)
        {
            next = dates.Next(now); // the cron changed: its old next date means nothing any more
        }

        if (startup && next is { } missed && missed <= now)
        {
            var mode = entry.Trigger.RecoverMissedSchedules ?? options.RecoverMissedSchedules;
            next = mode switch
            {
                RecoverMissedSchedules.NONE => dates.Next(now),
                RecoverMissedSchedules.LAST => dates.LastAtOrBefore(now) is { } last && last >= missed ? last : missed,
                _ => missed,
            };
        }

        return state with { NextExecutionDate = next, FlowRevision = entry.Flow.Revision };
    }

    private async Task ForgetRemovedAsync(IReadOnlyList<Flow> flows, CancellationToken cancellationToken)
    {
        var live = flows.Where(f => !f.Deleted).ToDictionary(f => (f.Namespace, f.Id));
        foreach (var state in await states.ListAsync(null, null, cancellationToken))
        {
            if (!live.TryGetValue((state.Namespace, state.FlowId), out var flow) || flow.Triggers.All(t => t.Id != state.TriggerId))
            {
                await states.DeleteAsync(state.Namespace, state.FlowId, state.TriggerId, cancellationToken);
            }
        }
    }

    private static bool StopsAfter(ScheduleTrigger trigger, Execution? execution) =>
        execution is not null && trigger.StopAfter is { Count: > 0 } stopAfter
        && stopAfter.Contains(execution.State.Current.ToString(), StringComparer.OrdinalIgnoreCase);

    private static TriggerState NewState(ScheduleEntry entry, DateTimeOffset? next) => new()
    {
        Namespace = entry.Flow.Namespace,
        FlowId = entry.Flow.Id,
        TriggerId = entry.Trigger.Id,
        FlowRevision = entry.Flow.Revision,
        NextExecutionDate = next,
    };

    private void Track(ScheduleEntry entry)
    {
        _entries[entry.Key] = entry;
        if (entry.Running is { } id)
        {
            _byExecution[id] = entry;
        }
    }

    private void Untrack(ScheduleEntry entry)
    {
        if (entry.Running is { } id)
        {
            _byExecution.Remove(id);
        }
    }
}
