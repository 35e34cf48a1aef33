using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// Two real Merlin processes on one PostgreSQL database, each running every component: one holds the executor
/// partitions; it is killed with kill -9 in the middle of executions, and the other takes its partitions over after the
/// liveness timeout and finishes them, each exactly once.
/// </summary>
public sealed class ExecutorFailoverTests : IAsyncLifetime
{
    private const string Flow = """
        id: slow
        namespace: tests.cluster
        tasks:
          - id: before
            type: io.kestra.plugin.core.log.Log
            message: before
          - id: wait
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT3S
          - id: after
            type: io.kestra.plugin.core.debug.Return
            format: "after {{ outputs.before is defined }}"
        """;

    private readonly List<ServerProcess> _nodes = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
            if (Directory.Exists(node.DataDir))
            {
                Directory.Delete(node.DataDir, recursive: true);
            }
        }

        await (await PostgresCluster.GetAsync()).DropSchemaAsync(_connectionString);
    }

    [Fact]
    public async Task The_surviving_node_finishes_the_executions_of_a_killed_one()
    {
        var first = await StartNodeAsync();
        await first.WaitForLineAsync(l => l.Contains("took executor partitions", StringComparison.Ordinal), "the first node taking the partitions");
        var second = await StartNodeAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.Client.PostAsync("api/v1/flows", new StringContent(Flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        // Created through the second node's API, run by the first node's executor (it holds every partition).
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = JsonNode.Parse(await (await second.Client.PostAsync("api/v1/executions/tests.cluster/slow", null)).Content.ReadAsStringAsync())!;
            ids.Add((string)created["id"]!);
        }

        await Poll.UntilAsync(async () => (await StatesAsync(second, ids)).All(s => s == "RUNNING"), "every execution running on the first node");
        first.KillHard();

        await Poll.UntilAsync(async () => (await StatesAsync(second, ids)).All(s => s == "SUCCESS"), "every execution finished by the second node", TimeSpan.FromSeconds(60));
        Assert.Contains(second.Lines, l => l.Contains("took executor partitions", StringComparison.Ordinal));
        foreach (var id in ids)
        {
            var execution = JsonNode.Parse(await second.Client.GetStringAsync($"api/v1/executions/{id}"))!;
            var runs = execution["taskRunList"]!.AsArray();
            Assert.Equal(["before", "wait", "after"], runs.Select(r => (string)r!["taskId"]!));
            Assert.Equal("after true", (string?)runs[2]!["outputs"]!["value"]);
        }
    }

    [Fact]
    public async Task Executions_sent_to_either_node_run_once_each()
    {
        var first = await StartNodeAsync();
        var second = await StartNodeAsync();
        const string quick = "id: quick\nnamespace: tests.cluster\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ execution.id }}\"\n";
        Assert.Equal(HttpStatusCode.OK, (await first.Client.PostAsync("api/v1/flows", new StringContent(quick, Encoding.UTF8, "application/x-yaml"))).StatusCode);

        var runs = Enumerable.Range(0, 20).Select(async i =>
        {
            var node = i % 2 == 0 ? first : second;
            var response = await node.Client.PostAsync("api/v1/executions/tests.cluster/quick?wait=true", null);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        });
        var ended = await Task.WhenAll(runs);

        Assert.All(ended, e =>
        {
            Assert.Equal("SUCCESS", (string?)e["state"]!["current"]);
            var runs = e["taskRunList"]!.AsArray();
            Assert.True(runs.Count == 1, $"task runs: {runs.ToJsonString()}");
            Assert.Equal((string?)e["id"], (string?)runs[0]!["outputs"]!["value"]);
            // Handed over mid-run, a task run is waited for by the partition's next owner, not run again.
            var attempts = runs[0]!["attempts"]!.AsArray();
            Assert.True(attempts.Count == 1, $"attempts of {e["id"]}: {attempts.ToJsonString()}\n--- first\n{string.Join('\n', first.Lines)}\n--- second\n{string.Join('\n', second.Lines)}");
            Assert.Equal("SUCCESS", (string?)attempts[0]!["state"]!["current"]);
        });
    }

    private async Task<ServerProcess> StartNodeAsync()
    {
        var node = new ServerProcess(Path.Combine(Path.GetTempPath(), "merlin-cluster-" + Guid.NewGuid().ToString("N")));
        node.Environment["Merlin__Storage__Type"] = "postgres";
        node.Environment["Merlin__Storage__Postgres__ConnectionString"] = _connectionString;
        node.Environment["Merlin__Cluster__LivenessTimeout"] = "00:00:03";
        node.Environment["Merlin__Cluster__HeartbeatInterval"] = "00:00:00.500";
        _nodes.Add(node);
        await node.StartAsync();
        return node;
    }

    private static async Task<string?[]> StatesAsync(ServerProcess node, IEnumerable<string> ids) =>
        await Task.WhenAll(ids.Select(async id =>
            (string?)JsonNode.Parse(await node.Client.GetStringAsync($"api/v1/executions/{id}"))!["state"]!["current"]));
}
