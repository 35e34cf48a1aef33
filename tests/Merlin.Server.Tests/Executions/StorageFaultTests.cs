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
    private const string Caller = "id: caller\nnamespace: tests.diskfull\ntasks:\n  - id: hold\n    type: io.kestra.plugin.core.flow.Pause\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: tests.diskfull\n    flowId: quick\n";
    private const string Quick = "id: quick\nnamespace: tests.diskfull\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: quick one\n";

    private readonly MerlinServer _server;
    private const int SqliteFull = 13;
    private const int SqliteReadOnly = 8;

    /// <summary>The SQLite result code every commit fails with, 0 for none.</summary>
    private volatile int _fault;

    public StorageFaultTests() => _server = MerlinServer.WithServices(services =>
    {
        var storage = (SqliteStorageOptions)services.Single(d => d.ServiceType == typeof(SqliteStorageOptions)).ImplementationInstance!;
        storage.FaultInjector = () => _fault switch
        {
            SqliteFull => new SqliteException("SQLite Error 13: 'database or disk is full'.", SqliteFull),
            SqliteReadOnly => new SqliteException("SQLite Error 8: 'attempt to write a readonly database'.", SqliteReadOnly),
            _ => null,
        };
    });

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_full_disk_answers_507_and_every_execution_accepted_before_it_finishes_once_space_returns()
    {
        await _server.CreateFlowAsync(Steps);
        await _server.CreateFlowAsync(Quick);
        await _server.CreateFlowAsync(Caller);
        var caller = (string)(await _server.ExecuteAsync("tests.diskfull", "caller"))["id"]!;
        var paused = new List<string>();
        for (var i = 0; i < Accepted; i++)
        {
            var execution = await _server.ExecuteAsync("tests.diskfull", "steps"); // wait=true answers at the pause
            Assert.Equal("PAUSED", (string?)execution["state"]!["current"]);
            paused.Add((string)execution["id"]!);
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/readiness")).StatusCode);

        _fault = SqliteFull;

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
        foreach (var id in paused.Append(caller))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _server.Client.PostAsync($"api/v1/executions/{id}/resume", null)).StatusCode);
        }

        foreach (var id in paused)
        {
            var pending = await PollAsync(id, e => e["taskRunList"]!.AsArray().Count == 3);
            Assert.Equal("RUNNING", (string?)pending["state"]!["current"]);
            Assert.Equal("SUCCESS", (string?)pending["taskRunList"]![1]!["state"]!["current"]);
        }

        await PollAsync(caller, e => e["taskRunList"]!.AsArray().Count == 2); // its subflow is asked for during the fault
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.Client.GetAsync("health/readiness")).StatusCode);

        _fault = 0;

        // Space is back: no restart, every accepted execution ends once, with its logs; the store is ready again.
        foreach (var id in paused)
        {
            var end = await PollAsync(id, e => (string?)e["state"]!["current"] != "RUNNING");
            Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
            Assert.Equal(["hold", "say", "give"], end["taskRunList"]!.AsArray().Select(r => (string)r!["taskId"]!));
            Assert.Contains($"after the pause of {id}", await _server.LogsAsync(id));
        }

        // The subflow asked for during the fault was created once space returned (its parent did not fail).
        var called = await PollAsync(caller, e => (string?)e["state"]!["current"] != "RUNNING");
        Assert.Equal("SUCCESS", (string?)called["state"]!["current"]);

        // The quick ones: the wait=true one was accepted and finished, the subflow too; the refused one left nothing.
        var quick = await _server.SearchUntilAsync("namespace=tests.diskfull&flowId=quick", r => r.Count == 2 && r.All(e => (string?)e!["state"]!["current"] == "SUCCESS"));
        Assert.Equal(2, quick.Count);
        Assert.All(quick, e => Assert.Equal("SUCCESS", (string?)e!["state"]!["current"]));
        Assert.Single(quick, e => (string?)e!["parentId"] == caller);
        var steps = await _server.SearchUntilAsync("namespace=tests.diskfull&flowId=steps", r => r.Count == Accepted);
        Assert.All(steps, e => Assert.Equal("SUCCESS", (string?)e!["state"]!["current"]));

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/readiness")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health")).StatusCode);
        Assert.Equal("ok", IntegrityCheck());
    }

    [Fact]
    public async Task A_read_only_store_answers_503_with_retry_after_until_it_is_writable_again()
    {
        await _server.CreateFlowAsync(Quick);
        _fault = SqliteReadOnly;

        var refused = await _server.Client.PostAsync("api/v1/executions/tests.diskfull/quick", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        await ApiErrorAssert.IsKestraErrorAsync(refused, "Service Unavailable: The database is not writable");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.Client.GetAsync("health/readiness")).StatusCode);

        _fault = 0;

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("health/readiness")).StatusCode);
        Assert.Equal("SUCCESS", (string?)(await _server.ExecuteAsync("tests.diskfull", "quick"))["state"]!["current"]);
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
