using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Merlin.Testing;

namespace Merlin.Server.Tests.Telemetry;

/// <summary>
/// The operator's log lines of a real <c>merlin</c> process: one line per execution created and ended, text or JSON,
/// and nothing from the framework at Information (which would drown them).
/// </summary>
public sealed partial class ServerLogTests : IDisposable
{
    private const string Namespace = "test.logs";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-logs-" + Guid.NewGuid().ToString("N"));
    private readonly ServerProcess _server;

    public ServerLogTests() => _server = new ServerProcess(_dataDir);

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Text_lines_name_namespace_flow_id_and_state_once_per_execution()
    {
        await _server.StartAsync();
        var flow = await CreateFlowAsync("- id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi");

        var id = await ExecuteAsync(flow);
        var ended = await _server.WaitForLineAsync(l => l.Contains($" {id} ended", StringComparison.Ordinal), "for the execution's end");

        var created = Assert.Single(_server.Lines, l => l.Contains($" {id} created", StringComparison.Ordinal));
        Assert.Single(_server.Lines, l => l.Contains($" {id} ended", StringComparison.Ordinal));
        Assert.Matches($@"info: Merlin\.Executions\[\d+\] Execution {Namespace}\.{flow} {id} created \(revision 1\)$", created);
        Assert.Matches($@"info: Merlin\.Executions\[\d+\] Execution {Namespace}\.{flow} {id} ended SUCCESS in [\d.]+ s$", ended);
    }

    [Fact]
    public async Task Json_format_writes_one_json_object_per_line_with_the_execution_fields()
    {
        _server.Environment["Merlin__Logging__Format"] = "json";
        await _server.StartAsync();
        var flow = await CreateFlowAsync("- id: boom\n    type: io.kestra.plugin.core.execution.Fail");

        var id = await ExecuteAsync(flow);
        await _server.WaitForLineAsync(l => l.Contains(id, StringComparison.Ordinal) && l.Contains("ended", StringComparison.Ordinal), "for the execution's end");

        var objects = _server.Lines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(objects, o => Assert.Equal(JsonValueKind.Object, o.ValueKind));
        var lines = objects.Where(o => o.TryGetProperty("State", out var s) && s.TryGetProperty("ExecutionId", out var e) && e.GetString() == id).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, o =>
        {
            Assert.Equal("Information", o.GetProperty("LogLevel").GetString());
            Assert.Equal("Merlin.Executions", o.GetProperty("Category").GetString());
            Assert.Equal(Namespace, o.GetProperty("State").GetProperty("Namespace").GetString());
            Assert.Equal(flow, o.GetProperty("State").GetProperty("FlowId").GetString());
        });
        Assert.Equal("FAILED", lines[1].GetProperty("State").GetProperty("State").GetString());
    }

    [Fact]
    public async Task Without_auth_a_stale_basic_header_and_framework_chatter_write_nothing()
    {
        await _server.StartAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("stale:header"u8.ToArray()));
            using var answer = await _server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        using (var missing = await _server.Client.GetAsync("api/v1/executions/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // The Request task goes through the HTTP client factory, whose System.Net.Http categories log every call at Information.
        var flow = await CreateFlowAsync($"- id: call\n    type: io.kestra.plugin.core.http.Request\n    uri: http://127.0.0.1:{_server.Port}/health/liveness");
        var id = await ExecuteAsync(flow);

        // Console lines come out in order: once the end is written, every line logged before it has been too.
        await _server.WaitForLineAsync(l => l.Contains($" {id} ended SUCCESS", StringComparison.Ordinal), "for the execution's end");
        Assert.DoesNotContain(_server.Lines, l => l.Contains("Failed Basic login", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Lines, l => FrameworkInfo().IsMatch(l));
    }

    [Fact]
    public async Task With_auth_a_wrong_password_is_one_warning_line()
    {
        _server.Environment["Merlin__Security__BasicAuth__Username"] = "admin@example.com";
        _server.Environment["Merlin__Security__BasicAuth__Password"] = "Correct-horse-1";
        await _server.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/flows/search");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin@example.com:wrong"u8.ToArray()));

        using var answer = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        var line = await _server.WaitForLineAsync(l => l.Contains("Failed Basic login", StringComparison.Ordinal), "for the failed login");
        Assert.StartsWith("warn:", line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(trce|dbug|info): (Microsoft|System\.Net\.Http)")]
    private static partial Regex FrameworkInfo();

    private async Task<string> CreateFlowAsync(string tasks)
    {
        var flow = "logs_" + Guid.NewGuid().ToString("N")[..8];
        using var created = await _server.Client.PostAsync("api/v1/flows", new StringContent(
            $"id: {flow}\nnamespace: {Namespace}\ntasks:\n  {tasks}\n", Encoding.UTF8, "application/x-yaml"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return flow;
    }

    private async Task<string> ExecuteAsync(string flow)
    {
        using var response = await _server.Client.PostAsync($"api/v1/executions/{Namespace}/{flow}?wait=true", new MultipartFormDataContent());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
