using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// Checks an <c>expect</c>/<c>response</c> object against an execution: <c>state</c>, <c>taskRunCount</c>, <c>taskRunsOf</c>,
/// <c>failedTaskRunsMin</c>, <c>taskRunStates</c>, <c>allTaskRuns</c>, <c>stateHistory</c>, <c>taskRuns</c>, <c>execution</c>.
/// </summary>
public static class ExecutionExpectation
{
    public static void Check(JsonNode execution, JsonNode? expectation, CaseReferences references, string what)
    {
        if (expectation is null)
        {
            return;
        }

        var failures = new List<string>();
        var runs = execution["taskRunList"]?.AsArray() ?? [];
        foreach (var (key, template) in expectation.AsObject())
        {
            var expected = references.Replace(template);
            switch (key)
            {
                case "state":
                    var state = (string?)execution["state"]?["current"];
                    var allowed = expected is JsonArray list ? list.Select(s => (string?)s).ToList() : [(string?)expected];
                    Add(failures, allowed.Contains(state) ? null : $"state is {state}, expected {JsonMatcher.Show(expected)}");
                    break;
                case "taskRunCount":
                    Add(failures, runs.Count == (int)expected! ? null : $"taskRunCount is {runs.Count} ({TaskIds(runs)}), expected {expected}");
                    break;
                case "taskRunsOf":
                    foreach (var (taskId, n) in expected!.AsObject())
                    {
                        var count = runs.Count(r => (string?)r!["taskId"] == taskId);
                        Add(failures, count == (int)n! ? null : $"{taskId} has {count} task runs, expected {n}");
                    }

                    break;
                case "failedTaskRunsMin":
                    var failed = runs.Count(r => State(r) == "FAILED");
                    Add(failures, failed >= (int)expected! ? null : $"{failed} task runs FAILED, expected at least {expected}");
                    break;
                case "taskRunStates":
                    foreach (var (name, matcher) in expected!.AsObject())
                    {
                        var count = runs.Count(r => State(r) == name);
                        Add(failures, JsonMatcher.Match(matcher, true, JsonValue.Create(count)) is { } why ? $"task runs {name}: {why}" : null);
                    }

                    break;
                case "allTaskRuns":
                    var others = runs.Where(r => State(r) != (string?)expected).Select(r => $"{r!["taskId"]}={State(r)}").ToList();
                    Add(failures, others.Count == 0 ? null : $"not every task run is {expected}: {string.Join(", ", others)}");
                    break;
                case "stateHistory":
                    var history = execution["state"]?["histories"]?.AsArray().Select(h => (string?)h!["state"]).ToList() ?? [];
                    var prefix = expected!.AsArray().Select(s => (string?)s).ToList();
                    Add(failures, history.Take(prefix.Count).SequenceEqual(prefix) ? null : $"state history is {string.Join(",", history)}, expected it to begin with {string.Join(",", prefix)}");
                    break;
                case "taskRuns":
                    foreach (var (selector, paths) in expected!.AsObject())
                    {
                        CheckTaskRun(execution, selector, paths!.AsObject(), failures);
                    }

                    break;
                case "execution":
                    foreach (var (path, matcher) in expected!.AsObject())
                    {
                        var present = JsonPaths.TryGet(execution, path, out var actual);
                        Add(failures, JsonMatcher.Match(matcher, present, actual) is { } why ? $"execution {path}: {why}" : null);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"unknown expectation {key}");
            }
        }

        if (failures.Count > 0)
        {
            throw new KestraCaseFailureException($"{what} of execution {execution["id"]}: {string.Join("; ", failures)}");
        }
    }

    private static void CheckTaskRun(JsonNode execution, string selector, JsonObject paths, List<string> failures)
    {
        var run = TaskRunSelector.Find(execution, selector);
        if (run is null)
        {
            failures.Add($"no task run {selector} ({TaskIds(execution["taskRunList"]?.AsArray() ?? [])})");
            return;
        }

        foreach (var (path, matcher) in paths)
        {
            var present = TaskRunValue(run, path, out var actual);
            Add(failures, JsonMatcher.Match(matcher, present, actual) is { } why ? $"task run {selector} {path}: {why}" : null);
        }
    }

    /// <summary>In a task run, <c>state</c> is the current state, <c>attempts</c> their number, <c>historyCount.STATE</c> a count.</summary>
    private static bool TaskRunValue(JsonObject run, string path, out JsonNode? value)
    {
        if (path == "state")
        {
            return JsonPaths.TryGet(run, "state.current", out value);
        }

        if (path == "attempts")
        {
            value = JsonValue.Create(run["attempts"] is JsonArray attempts ? attempts.Count : 0);
            return true;
        }

        if (path.StartsWith("historyCount.", StringComparison.Ordinal))
        {
            var state = path["historyCount.".Length..];
            value = JsonValue.Create(run["state"]?["histories"]?.AsArray().Count(h => (string?)h!["state"] == state) ?? 0);
            return true;
        }

        return JsonPaths.TryGet(run, path, out value);
    }

    private static string? State(JsonNode? run) => (string?)run?["state"]?["current"];

    private static string TaskIds(JsonArray runs) => string.Join(",", runs.Select(r => $"{r!["taskId"]}:{State(r)}"));

    private static void Add(List<string> failures, string? failure)
    {
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }
}
