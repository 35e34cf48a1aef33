using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// How a history is written: events in full (they are replayed), actions and the execution as summaries of what the
/// runtime and the API act on (a RunTask's variables and the task definitions are left out: they follow from the rest).
/// </summary>
internal static class HistoryJson
{
    public static JsonObject Event(ExecutionEvent @event)
    {
        var json = new JsonObject { ["type"] = @event.GetType().Name };
        switch (@event)
        {
            case ExecutionEvent.TaskRunReported r:
                json["taskRunId"] = r.TaskRunId;
                json["state"] = r.State.ToString();
                json["outputs"] = Plain(r.Outputs);
                json["logFile"] = r.LogFile;
                break;
            case ExecutionEvent.SubflowReported s:
                json["taskRunId"] = s.TaskRunId;
                json["childExecutionId"] = s.ChildExecutionId;
                json["childState"] = s.ChildState.ToString();
                json["childOutputs"] = Plain(s.ChildOutputs);
                break;
            case ExecutionEvent.SubflowBatchesStarted b:
                json["taskRunId"] = b.TaskRunId;
                json["numberOfBatches"] = b.NumberOfBatches;
                json["outputsBaseUri"] = b.OutputsBaseUri;
                break;
            case ExecutionEvent.LoopIterationReported l:
                json["taskRunId"] = l.TaskRunId;
                json["iteration"] = JsonSerializer.SerializeToNode(l.Iteration, KestraJson.Options);
                break;
            case ExecutionEvent.Resume r:
                json["inputs"] = Plain(r.Inputs);
                break;
            case ExecutionEvent.ChangeStatus c:
                json["status"] = c.Status.ToString();
                break;
            case ExecutionEvent.SetLabels l:
                json["labels"] = new JsonArray([.. l.Labels.Select(x => (JsonNode)new JsonObject { ["key"] = x.Key, ["value"] = x.Value })]);
                break;
        }

        return json;
    }

    public static ExecutionEvent ReadEvent(JsonNode json)
    {
        string Text(string name) => (string)json[name]!;
        StateType State(string name) => Enum.Parse<StateType>(Text(name));
        return Text("type") switch
        {
            nameof(ExecutionEvent.TaskRunReported) => new ExecutionEvent.TaskRunReported(Text("taskRunId"), State("state"), ReadPlain(json["outputs"]), (string?)json["logFile"]),
            nameof(ExecutionEvent.SubflowReported) => new ExecutionEvent.SubflowReported(Text("taskRunId"), Text("childExecutionId"), State("childState"), ReadPlain(json["childOutputs"])),
            nameof(ExecutionEvent.SubflowBatchesStarted) => new ExecutionEvent.SubflowBatchesStarted(Text("taskRunId"), (int)json["numberOfBatches"]!, Text("outputsBaseUri")),
            nameof(ExecutionEvent.LoopIterationReported) => new ExecutionEvent.LoopIterationReported(Text("taskRunId"), json["iteration"].Deserialize<Execution>(KestraJson.Options)!),
            nameof(ExecutionEvent.Resume) => new ExecutionEvent.Resume(ReadPlain(json["inputs"])),
            nameof(ExecutionEvent.ChangeStatus) => new ExecutionEvent.ChangeStatus(State("status")),
            nameof(ExecutionEvent.SetLabels) => new ExecutionEvent.SetLabels([.. json["labels"]!.AsArray().Select(l => new Label((string)l!["key"]!, (string)l["value"]!))]),
            nameof(ExecutionEvent.Kill) => new ExecutionEvent.Kill(),
            nameof(ExecutionEvent.Pause) => new ExecutionEvent.Pause(),
            nameof(ExecutionEvent.Wakeup) => new ExecutionEvent.Wakeup(),
            nameof(ExecutionEvent.Recover) => new ExecutionEvent.Recover(),
            nameof(ExecutionEvent.Restart) => new ExecutionEvent.Restart(),
            nameof(ExecutionEvent.Admitted) => new ExecutionEvent.Admitted(),
            nameof(ExecutionEvent.Tick) => new ExecutionEvent.Tick(),
            var other => throw new InvalidOperationException($"unknown event type {other}"),
        };
    }

    public static JsonObject Action(ExecutionAction action)
    {
        var json = new JsonObject { ["type"] = action.GetType().Name };
        switch (action)
        {
            case ExecutionAction.RunTask run:
                json["taskRunId"] = run.TaskRun.Id;
                json["taskId"] = run.TaskRun.TaskId;
                json["taskType"] = run.Task.Type;
                json["attempts"] = run.TaskRun.Attempts.Count;
                json["sharedDirectory"] = run.Directory?.TaskRunId;
                break;
            case ExecutionAction.KillTask kill:
                json["taskRunId"] = kill.TaskRunId;
                break;
            case ExecutionAction.StartSubflow start:
                json["taskRunId"] = start.TaskRun.Id;
                json["namespace"] = start.Namespace;
                json["flowId"] = start.FlowId;
                json["revision"] = start.Revision;
                json["inputs"] = Plain(start.Inputs);
                json["labels"] = new JsonArray([.. start.Labels.Select(l => (JsonNode)$"{l.Key}={l.Value}")]);
                break;
            case ExecutionAction.StartSubflowBatches batches:
                json["taskRunId"] = batches.TaskRun.Id;
                json["namespace"] = batches.Namespace;
                json["flowId"] = batches.FlowId;
                json["splitsUri"] = batches.SplitsUri;
                break;
            case ExecutionAction.RetryInNewExecution retry:
                json["date"] = Date(retry.Date);
                break;
            case ExecutionAction.WakeAt wake:
                json["date"] = Date(wake.Date);
                break;
            case ExecutionAction.Log log:
                json["taskRunId"] = log.TaskRunId;
                json["taskId"] = log.TaskId;
                json["level"] = log.Level.ToString();
                json["message"] = log.Message;
                break;
            case ExecutionAction.KillChild child:
                json["childExecutionId"] = child.ChildExecutionId;
                break;
            case ExecutionAction.StartLoopIteration start:
                json["executionId"] = start.Iteration.Id;
                json["taskRunId"] = start.Iteration.LoopRun!.TaskRunId;
                json["index"] = start.Iteration.LoopRun.Index;
                json["value"] = start.Iteration.LoopRun.Value;
                break;
        }

        return json;
    }

    public static JsonObject Execution(Execution execution) => new()
    {
        ["state"] = States(execution.State),
        ["outputs"] = Plain(execution.Outputs),
        ["labels"] = new JsonArray([.. execution.Labels.Select(l => (JsonNode)$"{l.Key}={l.Value}")]),
        ["taskRuns"] = new JsonArray([.. execution.TaskRunList.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Id,
            ["taskId"] = r.TaskId,
            ["parent"] = r.ParentTaskRunId,
            ["value"] = r.Value,
            ["iteration"] = r.Iteration,
            ["state"] = States(r.State),
            ["attempts"] = new JsonArray([.. r.Attempts.Select(a => (JsonNode)States(a.State))]),
            ["outputs"] = Plain(r.Outputs),
        })]),
    };

    public static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadDate(JsonNode? json) => DateTimeOffset.Parse((string)json!, CultureInfo.InvariantCulture);

    // "SUCCESS" plus the dated path that led there: the dates come from the recorded times, so they replay exactly.
    private static JsonNode States(State state) =>
        new JsonArray([.. state.Histories.Select(h => (JsonNode)$"{h.State}@{Date(h.Date)}")]);

    private static JsonNode? Plain(IReadOnlyDictionary<string, object?>? values) =>
        values is null ? null : JsonSerializer.SerializeToNode(values, KestraJson.Options);

    private static Dictionary<string, object?>? ReadPlain(JsonNode? json) =>
        json is null ? null : KestraJson.Deserialize<Dictionary<string, object?>>(json.ToJsonString());
}
