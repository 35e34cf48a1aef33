using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Tests.Engine;

/// <summary>Reaches the internal retry planner (visible to this test assembly).</summary>
internal static class RetryPlannerProbe
{
    public static DateTimeOffset? Next(RetryPolicy policy, TaskRun run, DateTimeOffset now) => RetryPlanner.NextAttempt(policy, run, now);
}
