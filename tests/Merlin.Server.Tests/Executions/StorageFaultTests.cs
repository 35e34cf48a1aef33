using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Security;
using Merlin.Storage.Sqlite;
using Merlin.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Merlin.Server.Tests.Executions;

/// <summary>
/// A full disk, injected under the store: every commit of the SQLite writer fails with SQLITE_FULL while the fault
/// lasts, exactly as the engine reports a full disk. Writes answer 507 with Kestra's body, <c>?wait=true</c>
/// answers the error, readiness is 503; once space returns every execution accepted before the fault finishes,
/// without a restart, with its logs, and the database is intact.
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private const int Accepted = 12;
    private const string Steps = "id: steps\nnamespace: tests.diskfull\ntasks:\n  - id: hold\n    type: io.kestra.plugin.core.flow.Pause\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: \"after the pause of {{ execution.id }}\"\n  - id: give\n    type: io.kestra.plugin.core.debug.Return\n    format: done\n";
    private const string Quick = "id: quick\nnamespace: tests.diskfull\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: quick one\n";

    private readonly MerlinServer _server;
    private volatile bool _diskFull;

    public StorageFaultTests() => _server = MerlinServer.WithServices(services =>
    {
        var storage = (SqliteStorageOptions)services.Single(d => d.ServiceType == typeof(SqliteStorageOptions)).ImplementationInstance!;
        storage.FaultInjector = () => _diskFull ? new SqliteException("SQLite Error 13: 'database or disk is full'.", 13) : null;
    });

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_full_disk_answers_507_and_every_execution_accepted_before_it_finishes_once_space_returns()
    {
        await _server.CreateFlowAsync(Steps);
        await _server.CreateFlowAsync(Quick);
        var paused = new List<string>();
        for (var i = 0; i < Accepted; i++)
        {
            var execution = await _server.ExecuteAsync("tests.diskfull", "steps"); // wait=true answers at the pause
            Assert.Equal("PAUSED", (string?)execution["state"]!["current"]);
            paused.Add((string)execution["id"]!);
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/readiness")).StatusCode);

        _diskFull = true;

        // New writes are refused with 507, Kestra's error body and Retry-After; nothing is accepted.
        var refused = await _server.Client.PostAsync("api/v1/executions/tests.diskfull/quick", null);
        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        await ApiErrorAssert.IsKestraErrorAsync(refused, "Insufficient Storage: The database is full");
        var flow = await _server.PostYamlAsync("api/v1/flows", "id: later\nnamespace: tests.diskfull\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: a\n");
        Assert.Equal(HttpStatusCode.InsufficientStorage, flow.StatusCode);

        // wait=true answers with the error instead of hanging.
        var waited = await _server.Client.PostAsync("api/v1/executions/tests.diskfull/quick?wait=true", null);
        Assert.Equal(HttpStatusCode.InsufficientStorage, waited.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(waited, "Insufficient Storage: The database is full");

        // Readiness (and /health) report the store; liveness does not depend on it.
        var readiness = await _server.Client.GetAsync("health/readiness");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        var body = JsonNode.Parse(await readiness.Content.ReadAsStringAsync())!;
        Assert.Equal("DOWN", (string?)body["status"]);
        Assert.Equal("DOWN", (string?)body["details"]!["store"]!["status"]);
        Assert.Equal("UP", (string?)body["details"]!["components"]!["status"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.Client.GetAsync("health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/liveness")).StatusCode);

        // The accepted executions go on during the fault, up to their last task; their end cannot be stored, so
        // they show their last stored-or-live progress (RUNNING), never an end that is not durable.
        foreach (var id in paused)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _server.Client.PostAsync($"api/v1/executions/{id}/resume", null)).StatusCode);
        }

        foreach (var id in paused)
        {
            var pending = await PollAsync(id, e => e["taskRunList"]!.AsArray().Count == 3);
            Assert.Equal("RUNNING", (string?)pending["state"]!["current"]);
            Assert.Equal("SUCCESS", (string?)pending["taskRunList"]![1]!["state"]!["current"]);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.Client.GetAsync("health/readiness")).StatusCode);

        _diskFull = false;

        // Space is back: no restart, every accepted execution ends once, with its logs; the store is ready again.
        foreach (var id in paused)
        {
            var end = await PollAsync(id, e => (string?)e["state"]!["current"] != "RUNNING");
            Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
            Assert.Equal(["hold", "say", "give"], end["taskRunList"]!.AsArray().Select(r => (string)r!["taskId"]!));
            Assert.Contains($"after the pause of {id}", await _server.LogsAsync(id));
        }

        var quick = await _server.SearchUntilAsync("namespace=tests.diskfull&flowId=quick", r => r.Count == 1 && (string?)r[0]!["state"]!["current"] == "SUCCESS");
        Assert.Single(quick); // the wait=true one was accepted and finished; the refused one left nothing
        Assert.Equal("SUCCESS", (string?)quick[0]!["state"]!["current"]);
        var steps = await _server.SearchUntilAsync("namespace=tests.diskfull&flowId=steps", r => r.Count == Accepted);
        Assert.All(steps, e => Assert.Equal("SUCCESS", (string?)e!["state"]!["current"]));

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health")).StatusCode);
        Assert.Equal("ok", IntegrityCheck());
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDir, "merlin.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Polls an execution until <paramref name="done"/> holds, with a generous deadline.</summary>
    private async Task<JsonNode> PollAsync(string id, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var execution = await _server.GetJsonAsync($"api/v1/executions/{id}");
            if (done(execution))
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"execution {id}: {execution.ToJsonString()}");
            await Task.Delay(20);
        }
    }
}
