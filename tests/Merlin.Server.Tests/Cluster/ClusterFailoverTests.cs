using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Testing;
using Npgsql;

namespace Merlin.Server.Tests.Cluster;

/// <summary>
/// The cluster as it is meant to run: one web server, two executors, two workers and two schedulers, each its own
/// process on one PostgreSQL. Executions are submitted while one worker and one executor are killed with SIGKILL, and a
/// scheduler while a schedule with seconds fires: every accepted execution ends SUCCESS exactly once, the queue tables
/// end empty, and the schedule fires once per date.
/// </summary>
public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private const string Flow = """
        id: steps
        namespace: tests.cluster
        tasks:
          - id: first
            type: io.kestra.plugin.core.log.Log
            message: "first {{ execution.id }}"
          - id: nap
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT0.5S
          - id: script
            type: io.kestra.plugin.scripts.shell.Commands
            commands:
              - sleep 0.3
              - echo '::{"outputs":{"done":"{{ execution.id }}"}}::'
        """;

    private const string Ticking = """
        id: ticking
        namespace: tests.cluster
        tasks:
          - id: tick
            type: io.kestra.plugin.core.debug.Return
            format: "{{ trigger.date }}"
        triggers:
          - id: every_second
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "* * * * * *"
            withSeconds: true
        """;

    private const string OneAtATime = """
        id: one_at_a_time
        namespace: tests.cluster
        concurrency:
          limit: 1
        tasks:
          - id: nap
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT0.5S
        """;

    private ClusterProcesses cluster = null!;

    public async Task InitializeAsync() => cluster = await ClusterProcesses.CreateAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Every_execution_succeeds_once_while_a_worker_and_an_executor_are_killed()
    {
        var web = await cluster.StartAsync("webserver");
        var executors = new[] { await cluster.StartAsync("executor"), await cluster.StartAsync("executor") };
        var workers = new[] { await cluster.StartAsync("worker"), await cluster.StartAsync("worker") };
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(Flow, Encoding.UTF8, "application/x-yaml"))).StatusCode);
        await Poll.UntilAsync(async () => await OwnersAsync() == 2, "both executors holding partitions", TimeSpan.FromSeconds(30));

        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            if (i == 80)
            {
                workers[0].KillHard();
                executors[0].KillHard();
            }

            var response = await web.Client.PostAsync("api/v1/executions/tests.cluster/steps", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
        }

        await Poll.UntilAsync(async () => await CountAsync("SELECT count(*) FROM executions WHERE namespace = 'tests.cluster' AND state = 'SUCCESS'") == ids.Count,
            "every execution SUCCESS", TimeSpan.FromMinutes(3));

        foreach (var id in ids)
        {
            var execution = JsonNode.Parse(await web.Client.GetStringAsync($"api/v1/executions/{id}"))!;
            Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
            var runs = execution["taskRunList"]!.AsArray();
            Assert.Equal(["first", "nap", "script"], runs.Select(r => (string)r!["taskId"]!));
            Assert.Equal(id, (string?)runs[2]!["outputs"]!["vars"]!["done"]);
            Assert.Single(execution["state"]!["histories"]!.AsArray(), h => (string?)h!["state"] == "SUCCESS");
        }

        Assert.Equal(ids.Count, await CountAsync("SELECT count(*) FROM executions WHERE namespace = 'tests.cluster'"));
        await Poll.UntilAsync(async () => await CountAsync("SELECT (SELECT count(*) FROM execution_queue) + (SELECT count(*) FROM worker_job_queue)") == 0,
            "the queue tables back to their backlog (empty)");
        Assert.Contains(executors[1].Lines, l => l.Contains("took executor partitions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_with_seconds_fires_once_per_date_while_a_scheduler_is_killed()
    {
        var web = await cluster.StartAsync("webserver");
        await cluster.StartAsync("executor");
        await cluster.StartAsync("worker");
        var schedulers = new[] { await cluster.StartAsync("scheduler"), await cluster.StartAsync("scheduler") };
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(Ticking, Encoding.UTF8, "application/x-yaml"))).StatusCode);
        await Poll.UntilAsync(async () => await CountAsync("SELECT count(*) FROM executions WHERE flow_id = 'ticking'") >= 3, "the schedule firing");

        var leader = await LeaderAsync(schedulers);
        leader.KillHard();
        var survivor = schedulers.Single(s => s != leader);
        await survivor.WaitForLineAsync(l => l.Contains("holds the scheduler role", StringComparison.Ordinal), "the other scheduler taking over", TimeSpan.FromSeconds(30));
        var after = await CountAsync("SELECT count(*) FROM executions WHERE flow_id = 'ticking'");
        await Poll.UntilAsync(async () => await CountAsync("SELECT count(*) FROM executions WHERE flow_id = 'ticking'") >= after + 3, "the schedule firing again");

        var dates = await DatesAsync();
        Assert.Equal(dates.Count, dates.Distinct().Count()); // never twice for one date
    }

    [Fact]
    public async Task A_flow_concurrency_limit_holds_across_executors()
    {
        var web = await cluster.StartAsync("webserver");
        await cluster.StartAsync("executor");
        await cluster.StartAsync("executor");
        await cluster.StartAsync("worker");
        Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/flows", new StringContent(OneAtATime, Encoding.UTF8, "application/x-yaml"))).StatusCode);
        await Poll.UntilAsync(async () => await OwnersAsync() == 2, "both executors holding partitions", TimeSpan.FromSeconds(30));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await web.Client.PostAsync("api/v1/executions/tests.cluster/one_at_a_time", null)).StatusCode);
        }

        await Poll.UntilAsync(async () => await CountAsync("SELECT count(*) FROM executions WHERE flow_id = 'one_at_a_time' AND state = 'SUCCESS'") == 6,
            "every execution SUCCESS", TimeSpan.FromMinutes(1));
        var runs = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var json in await JsonsAsync("SELECT json FROM executions WHERE flow_id = 'one_at_a_time'"))
        {
            var histories = JsonNode.Parse(json)!["state"]!["histories"]!.AsArray();
            DateTimeOffset At(string state) => DateTimeOffset.Parse((string)histories.First(h => (string?)h!["state"] == state)!["date"]!, System.Globalization.CultureInfo.InvariantCulture);
            runs.Add((At("RUNNING"), At("SUCCESS")));
        }

        var ordered = runs.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"two executions ran at once: {ordered[i - 1]} and {ordered[i]}");
        }
    }

    private async Task<ClusterNode> LeaderAsync(ClusterNode[] schedulers)
    {
        var owner = await ScalarAsync<string>("SELECT owner FROM leases WHERE name = 'scheduler'");
        return schedulers.Single(s => s.InstanceId == owner);
    }

    private async Task<List<string>> DatesAsync() =>
        (await JsonsAsync("SELECT json FROM executions WHERE flow_id = 'ticking'"))
            .Select(json => (string)JsonNode.Parse(json)!["trigger"]!["variables"]!["date"]!).ToList();

    private async Task<List<string>> JsonsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<long> OwnersAsync() => await CountAsync("SELECT count(DISTINCT owner) FROM executor_partitions WHERE owner IS NOT NULL");

    private async Task<long> CountAsync(string sql) => await ScalarAsync<long>(sql);

    private Task<T> ScalarAsync<T>(string sql) => cluster.ScalarAsync<T>(sql);
}
