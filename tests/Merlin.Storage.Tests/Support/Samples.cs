using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Storage.Tests.Support;

/// <summary>Executions for tests: a minimal one, and a rich one that exercises every field of the document.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Epoch = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static Execution Execution(
        string? id = null,
        string @namespace = "company.team",
        string flowId = "hello",
        StateType state = StateType.CREATED,
        DateTimeOffset? start = null,
        string? parentId = null,
        params Label[] labels)
    {
        var at = start ?? Epoch;
        var history = State.Create(at);
        if (state != StateType.CREATED)
        {
            history = history.With(state, at.AddSeconds(3));
        }

        var executionId = id ?? Ids.Create();
        return new Execution
        {
            Id = executionId,
            Namespace = @namespace,
            FlowId = flowId,
            FlowRevision = 1,
            State = history,
            OriginalId = executionId,
            ParentId = parentId,
            Labels = [.. labels],
            Metadata = new ExecutionMetadata(1, at),
        };
    }

    public static Execution Rich()
    {
        var start = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var id = Ids.Create();
        var taskRunState = State.Create(start).With(StateType.RUNNING, start.AddMilliseconds(5)).With(StateType.SUCCESS, start.AddSeconds(1));
        var taskRun = new TaskRun
        {
            Id = Ids.Create(),
            ExecutionId = id,
            Namespace = "company.team",
            FlowId = "rich",
            TaskId = "log",
            ParentTaskRunId = "parent",
            Value = "item-1",
            Iteration = 2,
            Attempts = [new TaskRunAttempt(taskRunState)],
            Outputs = new Dictionary<string, object?> { ["value"] = "hello", ["count"] = 3L, ["nested"] = Nested() },
            State = taskRunState,
        };
        return Execution(id, "company.team", "rich", StateType.RUNNING, start, "parent-execution", new Label("env", "prod"), new Label("team", "data")) with
        {
            FlowRevision = 7,
            TaskRunList = [taskRun, taskRun with { Id = Ids.Create(), TaskId = "second", Outputs = null, Attempts = [] }],
            Inputs = new Dictionary<string, object?>
            {
                ["name"] = "World",
                ["count"] = 42L,
                ["ratio"] = 1.5,
                ["whole"] = 2.0,
                ["flag"] = true,
                ["off"] = false,
                ["nothing"] = null,
                ["list"] = new List<object?> { 1L, "two", 3.25, null, new List<object?>() },
                ["map"] = Nested(),
            },
            Outputs = new Dictionary<string, object?> { ["result"] = "ok", ["empty"] = new Dictionary<string, object?>() },
            Variables = new Dictionary<string, object?> { ["env"] = "prod" },
            Trigger = new ExecutionTrigger("schedule", "io.kestra.plugin.core.trigger.Schedule", new Dictionary<string, object?> { ["date"] = "2024-05-01T08:00:00Z" }),
            ScheduleDate = start.AddMinutes(-1),
            Metadata = new ExecutionMetadata(2, start.AddDays(-1)),
        };
    }

    private static Dictionary<string, object?> Nested() => new()
    {
        ["a"] = new Dictionary<string, object?> { ["b"] = new List<object?> { "c", -1L, 0.1 } },
        ["big"] = long.MaxValue,
        ["unicode"] = "é ✓ \"quoted\" <tag>",
    };
}
