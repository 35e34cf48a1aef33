using System.Globalization;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// Picks a task run of an execution: <c>#index</c> in <c>taskRunList</c> (<c>#-1</c> the last); a task id (its first task
/// run); <c>taskId[v1|v2]</c>, the run whose own value and its parents' values (outermost first, parents without a value
/// skipped) are exactly those (Kestra's <c>findTaskRunByTaskIdAndValue</c>).
/// </summary>
public static class TaskRunSelector
{
    public static JsonObject? Find(JsonNode execution, string selector)
    {
        var runs = execution["taskRunList"]?.AsArray() ?? [];
        if (selector.StartsWith('#'))
        {
            var index = int.Parse(selector[1..], CultureInfo.InvariantCulture);
            index = index < 0 ? runs.Count + index : index;
            return index >= 0 && index < runs.Count ? runs[index]!.AsObject() : null;
        }

        var bracket = selector.IndexOf('[');
        if (bracket < 0 || !selector.EndsWith(']'))
        {
            return runs.FirstOrDefault(r => (string?)r!["taskId"] == selector)?.AsObject();
        }

        var taskId = selector[..bracket];
        var values = selector[(bracket + 1)..^1].Split('|');
        var byId = runs.Where(r => r?["id"] is not null).ToDictionary(r => (string)r!["id"]!, r => r!);
        return runs.FirstOrDefault(r => (string?)r!["taskId"] == taskId && ValueChain(r!, byId).SequenceEqual(values))?.AsObject();
    }

    private static List<string> ValueChain(JsonNode run, Dictionary<string, JsonNode> byId)
    {
        var chain = new List<string>();
        for (JsonNode? current = run; current is not null;)
        {
            if (current["value"] is { } value)
            {
                chain.Insert(0, value.ToString());
            }

            current = current["parentTaskRunId"] is { } parent && byId.TryGetValue((string)parent!, out var next) ? next : null;
        }

        return chain;
    }
}
