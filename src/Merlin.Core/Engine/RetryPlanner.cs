using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Decides whether a failed task run gets another attempt and when (constant, exponential with Kestra's linear
/// quirk, random). The policy is the task's own, else the nearest ancestor flowable's, else the flow's.
/// </summary>
internal static class RetryPlanner
{
    public static RetryPolicy? PolicyFor(AdvanceContext ctx, TaskRun run)
    {
        for (var current = run; current is not null; current = current.ParentTaskRunId is { } p ? ctx.Execution.FindTaskRun(p) : null)
        {
            if (ctx.Tree.Task(current.TaskId).Retry is { } policy)
            {
                return policy;
            }
        }

        return ctx.Flow.Retry;
    }

    /// <summary>The date of the next attempt, or null when the policy is exhausted.</summary>
    public static DateTimeOffset? NextAttempt(RetryPolicy policy, TaskRun run, DateTimeOffset now)
    {
        var attempts = run.Attempts.Count;
        if (policy.Behavior != "RETRY_FAILED_TASK" || attempts >= (policy.MaxAttempt ?? int.MaxValue))
        {
            return null;
        }

        var lastEnd = run.Attempts.Count > 0 ? run.Attempts[^1].State.Histories[^1].Date : now;
        var next = lastEnd + Delay(policy, attempts, run);
        var firstStart = run.Attempts.Count > 0 ? run.Attempts[0].State.StartDate : now;
        return policy.MaxDuration is { } max && next > firstStart + IsoDuration.Parse(max) ? null : next;
    }

    /// <summary>
    /// For <c>behavior: CREATE_NEW_EXECUTION</c>: the date of the next execution, or null when exhausted. Attempts are the
    /// execution's (<c>metadata.attemptNumber</c>), the delay counts from the failed attempt's end (from the execution's last
    /// change for a flow-level policy) and <c>maxDuration</c> from the original execution's creation, as in Kestra.
    /// </summary>
    public static DateTimeOffset? NextExecution(RetryPolicy policy, bool flowLevel, TaskRun run, Execution execution, DateTimeOffset now)
    {
        var attempts = execution.Metadata.AttemptNumber;
        if (policy.Behavior != "CREATE_NEW_EXECUTION" || attempts >= (policy.MaxAttempt ?? int.MaxValue))
        {
            return null;
        }

        var from = flowLevel ? execution.State.Histories[^1].Date
            : run.Attempts.Count > 0 ? run.Attempts[^1].State.Histories[^1].Date : now;
        var next = from + Delay(policy, attempts, run);
        return policy.MaxDuration is { } max && next > execution.Metadata.OriginalCreatedDate + IsoDuration.Parse(max) ? null : next;
    }

    private static TimeSpan Delay(RetryPolicy policy, int attempts, TaskRun run) => policy.Type.ToLowerInvariant() switch
    {
        "constant" => IsoDuration.Parse(policy.Interval),
        "exponential" => Exponential(policy, attempts),
        "random" => Random(policy, run),
        _ => TimeSpan.Zero,
    };

    private static TimeSpan Exponential(RetryPolicy policy, int attempts)
    {
        var interval = IsoDuration.Parse(policy.Interval);
        var factor = (int)(policy.DelayFactor ?? 2);
        var delay = interval * factor * (attempts - 1);
        var max = policy.MaxInterval is { } m ? IsoDuration.Parse(m) : TimeSpan.MaxValue;
        return delay > max ? max : delay;
    }

    private static TimeSpan Random(RetryPolicy policy, TaskRun run)
    {
        var min = IsoDuration.Parse(policy.MinInterval);
        var max = IsoDuration.Parse(policy.MaxInterval);
        var seed = HashCode.Combine(run.Id, run.Attempts.Count);
        return min + ((max - min) * new Random(seed).NextDouble());
    }
}
