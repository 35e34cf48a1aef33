using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>The steps that call the API around executions: <c>webhook</c>, <c>http</c>, <c>logs</c>, <c>file</c>, key-value and triggers.</summary>
public sealed class ApiSteps(CaseHttp http, Dictionary<string, JsonNode> remembered, CaseReferences references)
{
    public async Task WebhookAsync(JsonNode step)
    {
        var method = new HttpMethod((string?)step["method"] ?? "POST");
        var path = $"api/v1/executions/webhook/{step["namespace"]}/{step["flowId"]}/{step["key"]}";
        var body = step["json"] is { } json ? CaseHttp.Json(references.Replace(json)) : null;
        var (status, answer) = await http.SendAsync(method, path, body);
        CaseHttp.CheckStatus(step, 200, status, answer, $"{method} {path}");
        if (status != 200)
        {
            return;
        }

        var created = JsonNode.Parse(answer)!;
        ExecutionExpectation.Check(created, step["response"], references, "response");
        remembered["main"] = created;
    }

    public async Task HttpAsync(JsonNode step)
    {
        var method = new HttpMethod((string?)step["method"] ?? "GET");
        var path = references.ReplaceInPath((string)step["path"]!);
        var body = step["json"] is { } json ? CaseHttp.Json(references.Replace(json)) : null;
        var (status, answer) = await http.SendAsync(method, path, body);
        CaseHttp.CheckStatus(step, 200, status, answer, $"{method} {path}");
        if (status == 200 && step["response"] is not null)
        {
            ExecutionExpectation.Check(JsonNode.Parse(answer)!, step["response"], references, "response");
        }
    }

    public async Task LogsAsync(JsonNode step)
    {
        var execution = Remembered(step);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var (status, body) = await http.SendAsync(HttpMethod.Get, $"api/v1/logs/{execution["id"]}?minLevel=TRACE");
            var failure = status == 200 ? LogsFailure(step, execution, JsonNode.Parse(body)!.AsArray()) : $"GET logs answered {status}";
            if (failure is null)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new KestraCaseFailureException(failure);
            }

            await Task.Delay(200);
        }
    }

    public async Task FileAsync(JsonNode step)
    {
        var execution = Remembered(step);
        var path = (string)step["path"]!;
        var colon = path.IndexOf(':');
        JsonNode? root = execution;
        if (colon > 0)
        {
            root = TaskRunSelector.Find(execution, path[..colon]) ?? throw new KestraCaseFailureException($"no task run {path[..colon]}");
            path = path[(colon + 1)..];
        }

        var uri = JsonPaths.TryGet(root, path, out var value) && value is not null ? (string)value! : throw new KestraCaseFailureException($"no file at {step["path"]}");
        var (status, body) = await http.SendAsync(HttpMethod.Get, $"api/v1/executions/{execution["id"]}/file?path={Uri.EscapeDataString(uri)}");
        if (status != 200)
        {
            throw new KestraCaseFailureException($"GET file {uri} answered {status}: {CaseHttp.Shorten(body)}");
        }

        if ((string?)step["content"] is { } content && body != content)
        {
            throw new KestraCaseFailureException($"file {uri} holds {CaseHttp.Shorten(body)}, expected {content}");
        }

        var lines = body.Split('\n').Length - (body.EndsWith('\n') ? 1 : 0);
        if ((int?)step["lines"] is { } expected && lines != expected)
        {
            throw new KestraCaseFailureException($"file {uri} has {lines} lines, expected {expected}");
        }
    }

    public async Task KvPutAsync(JsonNode step)
    {
        var path = $"api/v1/namespaces/{step["namespace"]}/kv/{step["key"]}";
        var (status, body) = await http.SendAsync(HttpMethod.Put, path, CaseHttp.Json(references.Replace(step["value"])));
        if (status is not (200 or 204))
        {
            throw new KestraCaseFailureException($"PUT {path} answered {status}: {CaseHttp.Shorten(body)}");
        }
    }

    public async Task TriggerDisableAsync(JsonNode step)
    {
        var request = new JsonObject
        {
            ["triggers"] = new JsonArray(new JsonObject { ["namespace"] = (string?)step["namespace"], ["flowId"] = (string?)step["flowId"], ["triggerId"] = (string?)step["triggerId"] }),
            ["disabled"] = true,
        };
        var (status, body) = await http.SendAsync(HttpMethod.Post, "api/v1/triggers/set-disabled/by-triggers", CaseHttp.Json(request));
        CaseHttp.CheckStatus(step, 200, status, body, "set-disabled/by-triggers");
    }

    public async Task TriggerCheckAsync(JsonNode step)
    {
        var path = $"api/v1/triggers/search?namespace={Uri.EscapeDataString((string)step["namespace"]!)}&flowId={Uri.EscapeDataString((string)step["flowId"]!)}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonNode? disabled = null;
        while (DateTime.UtcNow <= deadline)
        {
            var (status, body) = await http.SendAsync(HttpMethod.Get, path);
            if (status == 200)
            {
                var rows = JsonNode.Parse(body) is JsonObject page ? page["results"]?.AsArray() ?? [] : JsonNode.Parse(body)!.AsArray();
                var context = rows.Select(r => r?["triggerContext"] ?? r)
                    .FirstOrDefault(c => (string?)c?["flowId"] == (string?)step["flowId"] && (string?)c?["triggerId"] == (string?)step["triggerId"]);
                disabled = context?["disabled"];
                if (JsonMatcher.AreEqual(disabled, step["disabled"]))
                {
                    return;
                }
            }

            await Task.Delay(300);
        }

        throw new KestraCaseFailureException($"trigger {step["triggerId"]} disabled is {JsonMatcher.Show(disabled)}, expected {step["disabled"]}");
    }

    private static string? LogsFailure(JsonNode step, JsonNode execution, JsonArray logs)
    {
        foreach (var text in step["contains"]?.AsArray().Select(t => (string)t!) ?? [])
        {
            if (!logs.Any(l => ((string?)l!["message"])?.Contains(text, StringComparison.Ordinal) == true))
            {
                return $"no log line contains \"{text}\"";
            }
        }

        foreach (var (selector, line) in step["ofTaskRun"]?.AsObject() ?? [])
        {
            var run = TaskRunSelector.Find(execution, selector);
            if (run is null)
            {
                return $"no task run {selector}";
            }

            var ofRun = logs.Where(l => (string?)l!["taskRunId"] == (string?)run["id"]).ToList();
            if (line is null ? ofRun.Count > 0 : !ofRun.Any(l => (string?)l!["level"] == (string?)line["level"] && (string?)l["message"] == (string?)line["message"]))
            {
                return $"task run {selector} logged {string.Join(" | ", ofRun.Select(l => $"{l!["level"]} {l["message"]}"))}, expected {JsonMatcher.Show(line)}";
            }
        }

        return null;
    }

    private JsonNode Remembered(JsonNode step)
    {
        var name = (string?)step["ref"] ?? "main";
        return remembered.TryGetValue(name, out var execution) ? execution : throw new KestraCaseFailureException($"no execution remembered as {name}");
    }
}
