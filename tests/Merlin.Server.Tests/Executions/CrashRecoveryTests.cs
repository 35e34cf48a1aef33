using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>An accepted execution survives a kill -9 at any point and ends exactly once per task run.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_accepted_execution_succeeds_after_a_hard_kill_and_restart()
    {
        using (var first = new ServerProcess(_dataDir))
        {
            await first.StartAsync();
            var flow = "id: sleepy\nnamespace: tests.crash\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT0.3S\n  - id: done\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ taskrun.id }}\"\n";
            var created = await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"));
            Assert.True(created.IsSuccessStatusCode);

            var accepted = new ConcurrentBag<string>();
            var submissions = Enumerable.Range(0, 200).Select(async i =>
            {
                await Task.Delay(i * 5);
                try
                {
                    var response = await first.Client.PostAsync("api/v1/executions/tests.crash/sleepy", null);
                    if (response.IsSuccessStatusCode)
                    {
                        accepted.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
                    }
                }
                catch (HttpRequestException)
                {
                    // refused once the server is gone: never accepted, so nothing is owed
                }
                catch (TaskCanceledException)
                {
                }
            }).ToList();

            while (accepted.Count < 100)
            {
                await Task.Delay(5);
            }

            first.KillHard();
            await Task.WhenAll(submissions);
            Assert.InRange(accepted.Count, 100, 200);

            using var second = new ServerProcess(_dataDir);
            await second.StartAsync();
            foreach (var id in accepted)
            {
                var execution = await WaitForEndAsync(second.Client, id);
                Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
                var runs = execution["taskRunList"]!.AsArray();
                Assert.Equal(["nap", "done"], runs.Select(r => (string)r!["taskId"]!));
                Assert.All(runs, r => Assert.Equal("SUCCESS", (string?)r!["state"]!["current"]));
            }
        }
    }

    [Fact]
    public async Task A_retry_in_a_new_execution_waiting_for_its_date_survives_a_hard_kill()
    {
        string retried;
        using (var first = new ServerProcess(_dataDir))
        {
            await first.StartAsync();
            var flow = "id: retry_new\nnamespace: tests.crash\ntasks:\n  - id: fail\n    type: io.kestra.plugin.core.execution.Fail\n    retry:\n      behavior: CREATE_NEW_EXECUTION\n      type: constant\n      maxAttempt: 2\n      interval: PT5S\n";
            Assert.True((await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
            var response = await first.Client.PostAsync("api/v1/executions/tests.crash/retry_new?wait=true", null);
            var ended = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("RETRIED", (string?)ended["state"]!["current"]);
            retried = (string)ended["id"]!;
            var next = await WaitForChildAsync(first.Client, retried);
            Assert.Equal("CREATED", (string?)next["state"]!["current"]);
            Assert.NotNull(next["scheduleDate"]);
            first.KillHard();
        }

        using var second = new ServerProcess(_dataDir);
        await second.StartAsync();
        var retry = await WaitForEndAsync(second.Client, (string)(await WaitForChildAsync(second.Client, retried))["id"]!);
        Assert.Equal("FAILED", (string?)retry["state"]!["current"]);
        Assert.Equal(2, (int?)retry["metadata"]!["attemptNumber"]);
    }

    [Fact]
    public async Task A_loop_whose_iterations_are_running_ends_once_after_a_hard_kill()
    {
        string id;
        using (var first = new ServerProcess(_dataDir))
        {
            await first.StartAsync();
            var flow = "id: loop_crash\nnamespace: tests.crash\ntasks:\n  - id: loop\n    type: io.kestra.plugin.core.flow.Loop\n    values: [1, 2, 3, 4]\n    concurrencyLimit: 2\n    tasks:\n      - id: nap\n        type: io.kestra.plugin.core.flow.Sleep\n        duration: PT1S\n";
            Assert.True((await first.Client.PostAsync("api/v1/flows", new StringContent(flow, Encoding.UTF8, "application/x-yaml"))).IsSuccessStatusCode);
            id = (string)JsonNode.Parse(await (await first.Client.PostAsync("api/v1/executions/tests.crash/loop_crash", null)).Content.ReadAsStringAsync())!["id"]!;
            await WaitForChildAsync(first.Client, id);
            first.KillHard();
        }

        using var second = new ServerProcess(_dataDir);
        await second.StartAsync();
        var execution = await WaitForEndAsync(second.Client, id);

        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
        var loop = execution["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "loop")!;
        Assert.Equal(4, (int?)loop["outputs"]!["terminatedIterations"]!["SUCCESS"]);
        var page = JsonNode.Parse(await second.Client.GetStringAsync($"api/v1/executions/search?parentId={id}&size=100"))!;
        var values = page["results"]!.AsArray().Where(e => (string?)e!["state"]!["current"] == "SUCCESS").Select(e => (string?)e!["loopRun"]!["value"]).Order();
        Assert.Equal(["1", "2", "3", "4"], values);
    }

    /// <summary>The first child (a retry, a Loop iteration) of an execution, once it exists.</summary>
    private static async Task<JsonNode> WaitForChildAsync(HttpClient client, string parentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = JsonNode.Parse(await client.GetStringAsync($"api/v1/executions/search?parentId={parentId}&size=10"))!;
            if (page["results"]!.AsArray().FirstOrDefault() is { } child)
            {
                return child;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no child of {parentId} appeared");
            await Task.Delay(50);
        }
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

    private static async Task<JsonNode> WaitForEndAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await client.GetAsync($"api/v1/executions/{id}");
            Assert.True(response.IsSuccessStatusCode, $"accepted execution {id} was lost: {(int)response.StatusCode}");
            var execution = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var state = (string?)execution["state"]!["current"];
            if (state is "SUCCESS" or "FAILED" or "WARNING" or "KILLED" or "CANCELLED" || DateTime.UtcNow > deadline)
            {
                return execution;
            }

            await Task.Delay(50);
        }
    }
}
