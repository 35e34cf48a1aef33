using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>
/// An execution whose replay takes the process down is not replayed forever: start-up records each replay attempt
/// before it begins, and one whose earlier replays never completed is failed instead, and the server stays up.
/// "Took the process down" is simulated by a kill -9 while the replay runs (nothing else can crash it any more).
/// </summary>
public sealed class CrashLoopTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-crashloop-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_execution_whose_replay_took_the_process_down_is_failed_on_the_next_start()
    {
        string poison;
        using (var first = OneReplay(new ServerProcess(_dataDir)))
        {
            await first.StartAsync();
            var flow = "id: poison\nnamespace: tests.crashloop\ntasks:\n  - id: stuck\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n";
            Assert.True((await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
            var created = await first.Client.PostAsync("api/v1/executions/tests.crashloop/poison", null);
            poison = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            await WaitForAsync(first.Client, poison, e => (string?)Run(e, 0)?["state"]?["current"] == "RUNNING");
            await WaitStoredRunningAsync(first.Client, poison); // progress is checkpointed write-behind
            first.KillHard(); // a crash outside any replay: the next start replays it
        }

        using (var second = OneReplay(new ServerProcess(_dataDir)))
        {
            await second.StartAsync();
            // The replay has begun (recorded before it starts): the task run is on its second attempt.
            var replayed = await WaitForAsync(second.Client, poison, e => Run(e, 0)?["attempts"]?.AsArray().Count >= 2);
            Assert.Equal("RUNNING", (string?)replayed["state"]!["current"]);
            second.KillHard(); // the process dies while the replay runs
        }

        using var third = OneReplay(new ServerProcess(_dataDir));
        await third.StartAsync();
        var quarantined = await WaitForAsync(third.Client, poison, e => (string?)e["state"]!["current"] != "RUNNING");
        Assert.Equal("FAILED", (string?)quarantined["state"]!["current"]);
        Assert.All(quarantined["taskRunList"]!.AsArray(), r => Assert.Equal("FAILED", (string?)r!["state"]!["current"]));
        var logs = await (await third.Client.GetAsync($"api/v1/logs/{poison}")).Content.ReadAsStringAsync();
        Assert.Contains("replays at start-up never completed", logs, StringComparison.Ordinal);
        Assert.Contains("Merlin:Limits:RecoveryMaxAttempts", logs, StringComparison.Ordinal);

        // The server stays up and keeps working.
        Assert.Equal(HttpStatusCode.OK, (await third.Client.GetAsync("health")).StatusCode);
        var quick = "id: quick\nnamespace: tests.crashloop\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: fine\n";
        Assert.True((await third.Client.PostAsync("api/v1/flows", new StringContent(quick, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
        var done = await third.Client.PostAsync("api/v1/executions/tests.crashloop/quick?wait=true", null);
        Assert.Equal("SUCCESS", (string?)JsonNode.Parse(await done.Content.ReadAsStringAsync())!["state"]!["current"]);
        Assert.True((await third.Client.GetAsync("api/v1/executions/search")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_replay_that_completes_is_forgotten_so_later_crashes_do_not_add_up()
    {
        string id;
        using (var first = OneReplay(new ServerProcess(_dataDir)))
        {
            await first.StartAsync();
            var flow = "id: steps\nnamespace: tests.crashloop\ntasks:\n  - id: first\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT0.5S\n  - id: second\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n";
            Assert.True((await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
            var created = await first.Client.PostAsync("api/v1/executions/tests.crashloop/steps", null);
            id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            await WaitForAsync(first.Client, id, e => (string?)Run(e, 0)?["state"]?["current"] == "RUNNING");
            await WaitStoredRunningAsync(first.Client, id);
            first.KillHard();
        }

        using (var second = OneReplay(new ServerProcess(_dataDir)))
        {
            await second.StartAsync();

            // The replayed first task reports back: the replay completed, then the process dies during the second task.
            await WaitForAsync(second.Client, id, e => (string?)Run(e, 1)?["state"]?["current"] == "RUNNING");
            await WaitStoredRunningAsync(second.Client, id, index: 1);
            second.KillHard();
        }

        using var third = OneReplay(new ServerProcess(_dataDir));
        await third.StartAsync();
        var resumed = await WaitForAsync(third.Client, id, e => Run(e, 1)?["attempts"] is not null);
        Assert.Equal("RUNNING", (string?)resumed["state"]!["current"]);
        Assert.Equal("SUCCESS", (string?)resumed["taskRunList"]![0]!["state"]!["current"]);
    }

    [Fact]
    public async Task An_execution_that_cannot_be_advanced_fails_with_the_error_logged_instead_of_staying_stuck()
    {
        string id;
        using (var first = new ServerProcess(_dataDir))
        {
            await first.StartAsync();
            var flow = "id: broken\nnamespace: tests.crashloop\ntasks:\n  - id: stuck\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n";
            Assert.True((await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
            var created = await first.Client.PostAsync("api/v1/executions/tests.crashloop/broken", null);
            id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            await WaitForAsync(first.Client, id, e => (string?)Run(e, 0)?["state"]?["current"] == "RUNNING");
            await WaitStoredRunningAsync(first.Client, id);
            first.KillHard();
        }

        // The stored execution now points at a flow revision that does not exist: advancing it throws.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir, "merlin.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE executions SET json = json_set(json, '$.flowRevision', 999) WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var second = new ServerProcess(_dataDir);
        await second.StartAsync();
        var failed = await WaitForAsync(second.Client, id, e => (string?)e["state"]!["current"] != "RUNNING");
        Assert.Equal("FAILED", (string?)failed["state"]!["current"]);
        var logs = await (await second.Client.GetAsync($"api/v1/logs/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("Execution failed: ", logs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("health")).StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A server that fails an execution after one replay that never completed.</summary>
    private static ServerProcess OneReplay(ServerProcess server)
    {
        server.Environment["Merlin__Limits__RecoveryMaxAttempts"] = "1";
        return server;
    }

    /// <summary>Waits until the search (which reads the store, not the executor's live state) shows task run <paramref name="index"/> RUNNING.</summary>
    private static async Task WaitStoredRunningAsync(HttpClient client, string id, int index = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = JsonNode.Parse(await client.GetStringAsync("api/v1/executions/search?namespace=tests.crashloop&size=100"))!;
            var stored = page["results"]?.AsArray().FirstOrDefault(e => (string?)e!["id"] == id);
            if (stored is not null && (string?)Run(stored, index)?["state"]?["current"] == "RUNNING")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"execution {id} is not stored RUNNING");
            await Task.Delay(50);
        }
    }

    /// <summary>The task run at <paramref name="index"/>, or null while the execution has fewer.</summary>
    private static JsonNode? Run(JsonNode execution, int index) =>
        execution["taskRunList"] is JsonArray runs && runs.Count > index ? runs[index] : null;

    private static async Task<JsonNode> WaitForAsync(HttpClient client, string id, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync($"api/v1/executions/{id}");
            var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (response.IsSuccessStatusCode && done(execution))
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"execution {id} is still {execution["state"]?["current"]}");
            await Task.Delay(50);
        }
    }
}
