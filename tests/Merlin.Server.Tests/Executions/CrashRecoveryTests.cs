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
