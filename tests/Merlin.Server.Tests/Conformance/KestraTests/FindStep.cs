using System.Globalization;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// The <c>find</c> step: the executions of one flow that the case started (directly or not), found by searching every
/// 250 ms for those that began no more than 2 s before the case, not returned by an earlier find (of this case or an
/// earlier one: <paramref name="returned"/> is shared by the cases of a run), matching <c>where</c>.
/// </summary>
public sealed class FindStep(CaseHttp http, Dictionary<string, JsonNode> remembered, CaseReferences references, DateTimeOffset start, HashSet<string> returned)
{
    private readonly HashSet<string> _returned = returned;

    /// <summary>The case's start (after its flows are created).</summary>
    public DateTimeOffset Start { get; set; } = start;

    public async Task RunAsync(JsonNode step)
    {
        var none = (bool?)step["none"] == true;
        var count = (int?)step["count"];
        var wanted = count ?? (int?)step["min"] ?? 1;
        var seconds = none ? (double?)step["after"] ?? 1 : KestraCaseRunner.Timeout(step);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        List<JsonNode> found;
        while (true)
        {
            found = await SearchAsync(step);
            if (none && found.Count > 0)
            {
                throw new KestraCaseFailureException($"expected no execution of {step["flowId"]}, found {string.Join(",", found.Select(e => e["id"]))}");
            }

            var done = !none && found.Count >= wanted && found.All(CaseHttp.IsTerminal);
            if (done || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        if (none)
        {
            return;
        }

        if (found.Count < wanted || !found.All(CaseHttp.IsTerminal))
        {
            throw new KestraCaseFailureException($"found {found.Count} executions of {step["flowId"]} ({States(found)}), waited for {wanted} terminal ones");
        }

        if (count is { } exactly && found.Count != exactly)
        {
            throw new KestraCaseFailureException($"found {found.Count} executions of {step["flowId"]} ({States(found)}), expected exactly {exactly}");
        }

        foreach (var (state, n) in step["states"]?.AsObject() ?? [])
        {
            var actual = found.Count(e => (string?)e["state"]?["current"] == state);
            if (actual != (int)n!)
            {
                throw new KestraCaseFailureException($"{actual} executions of {step["flowId"]} are {state} ({States(found)}), expected {n}");
            }
        }

        foreach (var execution in found)
        {
            ExecutionExpectation.Check(execution, step["expect"], references, "expect");
            _returned.Add((string)execution["id"]!);
        }

        remembered[(string?)step["as"] ?? (string)step["flowId"]!] = found.OrderBy(StartOf).Last();
    }

    private async Task<List<JsonNode>> SearchAsync(JsonNode step)
    {
        var ns = (string)step["namespace"]!;
        var flowId = (string)step["flowId"]!;
        var path = $"api/v1/executions/search?namespace={Uri.EscapeDataString(ns)}&flowId={Uri.EscapeDataString(flowId)}&size=200";
        var (status, body) = await http.SendAsync(HttpMethod.Get, path);
        if (status != 200)
        {
            throw new KestraCaseFailureException($"GET {path} answered {status}: {CaseHttp.Shorten(body)}");
        }

        var since = Start.AddSeconds(-2);
        var where = references.Replace(step["where"])?.AsObject();
        var found = new List<JsonNode>();
        foreach (var row in JsonNode.Parse(body)!["results"]!.AsArray())
        {
            if ((string?)row!["namespace"] != ns || (string?)row["flowId"] != flowId || StartOf(row) < since || _returned.Contains((string)row["id"]!))
            {
                continue;
            }

            var execution = await http.PollAsync((string)row["id"]!, _ => true, 0, "read");
            if (where is null || where.All(p => JsonPaths.TryGet(execution, p.Key, out var value) && JsonMatcher.AreEqual(p.Value, value)))
            {
                found.Add(execution);
            }
        }

        return found;
    }

    private static DateTimeOffset StartOf(JsonNode execution)
    {
        var date = (string?)execution["state"]?["startDate"] ?? (string?)execution["state"]?["histories"]?[0]?["date"];
        return date is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
    }

    private static string States(List<JsonNode> executions) =>
        string.Join(",", executions.Select(e => (string?)e["state"]?["current"]));
}
