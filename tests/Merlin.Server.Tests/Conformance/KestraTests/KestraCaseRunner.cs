using System.Net;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// Runs one case of <c>cases.json</c> as its README says: create its flows, then each step in order; the first step that
/// does not hold throws a <see cref="KestraCaseFailureException"/> naming it.
/// </summary>
public sealed class KestraCaseRunner
{
    private readonly KestraTestsServer _server;
    private readonly JsonObject _case;
    private readonly CaseHttp _http;
    private readonly Dictionary<string, JsonNode> _remembered = [];
    private readonly CaseReferences _references;
    private readonly FindStep _find;
    private readonly ApiSteps _api;

    public KestraCaseRunner(KestraTestsServer server, JsonObject @case)
    {
        _server = server;
        _case = @case;
        _http = new CaseHttp(server.Client);
        _references = new CaseReferences(_remembered, Guid.NewGuid().ToString("N")[..12]);
        _find = new FindStep(_http, _remembered, _references, DateTimeOffset.UtcNow, server.FoundExecutions);
        _api = new ApiSteps(_http, _remembered, _references);
    }

    public async Task RunAsync()
    {
        foreach (var file in _case["flows"]?.AsArray().Select(f => (string)f!) ?? [])
        {
            using var response = await _server.PostFlowAsync(KestraTestsCorpus.FlowPath(file));
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict))
            {
                throw new KestraCaseFailureException($"creating {file} answered {(int)response.StatusCode}: {CaseHttp.Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        _find.Start = DateTimeOffset.UtcNow;
        var steps = _case["steps"]!.AsArray();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i]!;
            try
            {
                await RunStepAsync(step);
            }
            catch (KestraCaseFailureException failure)
            {
                throw new KestraCaseFailureException($"step {i} ({step["do"]}): {failure.Message}");
            }
        }
    }

    private Task RunStepAsync(JsonNode step) => (string)step["do"]! switch
    {
        "run" => RunAsync(step),
        "resume" => ResumeAsync(step),
        "restart" => RestartAsync(step),
        "replay" => ReplayAsync(step),
        "kill" => KillAsync(step),
        "wait" => WaitAsync(step),
        "get" => GetAsync(step),
        "find" => _find.RunAsync(step),
        "webhook" => _api.WebhookAsync(step),
        "http" => _api.HttpAsync(step),
        "logs" => _api.LogsAsync(step),
        "file" => _api.FileAsync(step),
        "kvPut" => _api.KvPutAsync(step),
        "triggerDisable" => _api.TriggerDisableAsync(step),
        "triggerCheck" => _api.TriggerCheckAsync(step),
        var other => throw new InvalidOperationException($"unknown step {other}"),
    };

    private async Task RunAsync(JsonNode step)
    {
        var until = (string?)step["until"] ?? "terminal";
        var wait = (bool?)step["wait"] ?? (until == "terminal" && step["expectHttp"] is null);
        var query = new List<string>();
        query.AddRange(step["labels"]?.AsArray().Select(l => "labels=" + Uri.EscapeDataString(_references.ReplaceText((string)l!))) ?? []);
        if (wait)
        {
            query.Add("wait=true");
        }

        var path = $"api/v1/executions/{step["namespace"]}/{step["flowId"]}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var (status, body) = await _http.SendAsync(HttpMethod.Post, path, CaseHttp.Form(step, _references));
        CaseHttp.CheckStatus(step, 200, status, body, $"POST {path}");
        if (status != 200)
        {
            return;
        }

        var created = JsonNode.Parse(body)!;
        ExecutionExpectation.Check(created, step["response"], _references, "response");
        var name = (string?)step["as"] ?? "main";
        _remembered[name] = until == "none"
            ? created
            : await _http.PollAsync((string)created["id"]!, e => CaseHttp.Holds(until, e), Timeout(step), until);
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private async Task ResumeAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        var before = CaseHttp.HistoryCount(await _http.PollAsync(id, _ => true, 0, "read"));
        var (status, body) = await _http.SendAsync(HttpMethod.Post, $"api/v1/executions/{id}/resume", CaseHttp.Form(step, _references));
        CaseHttp.CheckStatus(step, 204, status, body, "resume");
        if (status != 204)
        {
            return;
        }

        var until = (string?)step["until"] ?? "terminal";
        _remembered[name] = await _http.PollAsync(id, e => CaseHttp.HistoryCount(e) > before && CaseHttp.Holds(until, e), Timeout(step), until);
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private async Task RestartAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        var before = CaseHttp.HistoryCount(await _http.PollAsync(id, _ => true, 0, "read"));
        var (status, body) = await _http.SendAsync(HttpMethod.Post, $"api/v1/executions/{id}/restart");
        CaseHttp.CheckStatus(step, 200, status, body, "restart");
        if (status != 200)
        {
            return;
        }

        ExecutionExpectation.Check(JsonNode.Parse(body)!, step["response"], _references, "response");
        _remembered[name] = await _http.PollAsync(id, e => CaseHttp.HistoryCount(e) > before && CaseHttp.IsTerminal(e), Timeout(step), "terminal");
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private async Task ReplayAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        var selector = (string)step["taskId"]!;
        var run = TaskRunSelector.Find(_remembered[name], selector) ?? throw new KestraCaseFailureException($"no task run {selector} to replay from");
        var (status, body) = await _http.SendAsync(HttpMethod.Post, $"api/v1/executions/{id}/replay?taskRunId={run["id"]}");
        CaseHttp.CheckStatus(step, 200, status, body, "replay");
        if (status != 200)
        {
            return;
        }

        var replayed = JsonNode.Parse(body)!;
        ExecutionExpectation.Check(replayed, step["response"], _references, "response");
        _remembered["replayed"] = await _http.PollAsync((string)replayed["id"]!, CaseHttp.IsTerminal, Timeout(step), "terminal");
        ExecutionExpectation.Check(_remembered["replayed"], step["expect"], _references, "expect");
    }

    private async Task KillAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        var (status, body) = await _http.SendAsync(HttpMethod.Delete, $"api/v1/executions/{id}/kill");
        CaseHttp.CheckStatus(step, 202, status, body, "kill");
        if (status != 202)
        {
            return;
        }

        _remembered[name] = await _http.PollAsync(id, CaseHttp.IsTerminal, Timeout(step), "terminal");
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private async Task WaitAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        var until = (string?)step["until"] ?? "terminal";
        _remembered[name] = await _http.PollAsync(id, e => CaseHttp.Holds(until, e), Timeout(step), until);
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private async Task GetAsync(JsonNode step)
    {
        var (name, id) = Ref(step);
        _remembered[name] = await _http.PollAsync(id, _ => true, 0, "read");
        ExecutionExpectation.Check(_remembered[name], step["expect"], _references, "expect");
    }

    private (string Name, string Id) Ref(JsonNode step)
    {
        var name = (string?)step["ref"] ?? "main";
        return _remembered.TryGetValue(name, out var execution)
            ? (name, (string)execution["id"]!)
            : throw new KestraCaseFailureException($"no execution remembered as {name}");
    }

    public static double Timeout(JsonNode step) => (double?)step["timeout"] ?? 20;
}
