using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>The HTTP side of a case: calls with their expected status, multipart forms, and polling an execution.</summary>
public sealed class CaseHttp(HttpClient client)
{
    private static readonly HashSet<string> Terminal = ["SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED", "SKIPPED", "RETRIED"];

    public HttpClient Client => client;

    public static bool IsTerminal(JsonNode execution) => Terminal.Contains((string?)execution["state"]?["current"] ?? "");

    public static int HistoryCount(JsonNode execution) => execution["state"]?["histories"]?.AsArray().Count ?? 0;

    public static bool Holds(string until, JsonNode execution)
    {
        var state = (string?)execution["state"]?["current"];
        return until switch
        {
            "terminal" => IsTerminal(execution),
            "paused" => state == "PAUSED" || IsTerminal(execution),
            "running" => state is "RUNNING" or "PAUSED" || IsTerminal(execution),
            "none" => true,
            _ => throw new InvalidOperationException($"unknown until {until}"),
        };
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static StringContent Json(JsonNode? body) => new(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    /// <summary>Checks the status: <c>expectHttp</c> when given (status or list, <c>bodyContains</c>), else the step's default.</summary>
    public static void CheckStatus(JsonNode step, int defaultStatus, int status, string body, string call)
    {
        if (step["expectHttp"] is not { } expectHttp)
        {
            if (status != defaultStatus)
            {
                throw new KestraCaseFailureException($"{call} answered {status}, expected {defaultStatus}: {Shorten(body)}");
            }

            return;
        }

        var allowed = expectHttp["status"] is JsonArray list ? list.Select(s => (int)s!).ToList() : [(int?)expectHttp["status"] ?? defaultStatus];
        if (!allowed.Contains(status))
        {
            throw new KestraCaseFailureException($"{call} answered {status}, expected {string.Join(" or ", allowed)}: {Shorten(body)}");
        }

        var contains = expectHttp["bodyContains"] switch
        {
            JsonArray many => many.Select(s => (string)s!).ToList(),
            { } one => [(string)one!],
            null => [],
        };
        foreach (var text in contains.Where(t => !body.Contains(t, StringComparison.Ordinal)))
        {
            throw new KestraCaseFailureException($"{call} answered {status} without \"{text}\": {Shorten(body)}");
        }
    }

    /// <summary>The <c>inputs</c> and <c>files</c> of a step as a multipart form; null when it has neither.</summary>
    public static MultipartFormDataContent? Form(JsonNode step, CaseReferences references)
    {
        var inputs = step["inputs"]?.AsObject();
        var files = step["files"]?.AsObject();
        if (inputs is null && files is null)
        {
            return null;
        }

        var form = new MultipartFormDataContent();
        foreach (var (name, value) in inputs ?? [])
        {
            form.Add(new StringContent(references.ReplaceText(value is null ? "" : value.ToString()), Encoding.UTF8), name);
        }

        foreach (var (key, file) in files ?? [])
        {
            var part = new ByteArrayContent(FileBytes(file!));
            part.Headers.ContentType = new MediaTypeHeaderValue((string?)file!["contentType"] ?? "text/plain");
            form.Add(part, (string?)file["part"] ?? key, (string?)file["filename"] ?? key);
        }

        return form;
    }

    /// <summary>Polls <c>GET /api/v1/executions/{id}</c> about every 100 ms until <paramref name="done"/> holds.</summary>
    public async Task<JsonNode> PollAsync(string id, Func<JsonNode, bool> done, double timeoutSeconds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"api/v1/executions/{id}");
            if (status != 200)
            {
                throw new KestraCaseFailureException($"GET execution {id} answered {status}: {Shorten(body)}");
            }

            var execution = JsonNode.Parse(body)!;
            if (done(execution))
            {
                return execution;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new KestraCaseFailureException($"execution {id} still {execution["state"]?["current"]} after {timeoutSeconds}s waiting for {what} "
                                            + $"(task runs: {string.Join(",", (execution["taskRunList"]?.AsArray() ?? []).Select(r => $"{r!["taskId"]}:{r["state"]?["current"]}"))})");
            }

            await Task.Delay(100);
        }
    }

    public static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static byte[] FileBytes(JsonNode file)
    {
        if ((string?)file["resource"] is { } resource)
        {
            return File.ReadAllBytes(KestraTestsCorpus.ResourcePath(resource));
        }

        if ((string?)file["content"] is { } content)
        {
            return Encoding.UTF8.GetBytes(content);
        }

        // Kestra's tests write n lines: the numbers 0 to n-1, right-aligned in 20 characters.
        var lines = (int)file["padLines"]!;
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(20)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
