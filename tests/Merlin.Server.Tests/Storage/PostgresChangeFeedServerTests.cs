using System.Net;
using System.Text.Json.Nodes;
using Merlin.Testing;

namespace Merlin.Server.Tests.Storage;

/// <summary>
/// Two servers on one PostgreSQL schema (whose change feeds go through <c>AddMerlinPostgresChangeFeeds</c>): what one
/// runs or saves, the other's API shows as it happens (follow), and its flow cache never serves a stale revision.
/// </summary>
public sealed class PostgresChangeFeedServerTests : IAsyncLifetime
{
    private const string Approval = "id: approval\nnamespace: tests.feeds\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n"
        + "  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: resumed\n";

    private string connectionString = "";
    private MerlinServer? executor;
    private MerlinServer? web;

    private MerlinServer Executor => executor ?? throw new InvalidOperationException("Not started.");

    private MerlinServer Web => web ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        connectionString = await (await PostgresCluster.GetAsync()).CreateSchemaAsync();
        string[] args = ["--Merlin:Storage:Type=postgres", $"--Merlin:Storage:Postgres:ConnectionString={connectionString}"];
        web = MerlinServer.WithArgs(args);
        executor = MerlinServer.WithArgs(args);
        await web.InitializeAsync();
        await executor.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (web is not null)
        {
            await web.DisposeAsync();
        }

        if (executor is not null)
        {
            await executor.DisposeAsync();
        }

        await (await PostgresCluster.GetAsync()).DropSchemaAsync(connectionString);
    }

    [Fact]
    public async Task Follow_on_one_server_streams_an_execution_another_server_runs_to_its_end()
    {
        await Executor.CreateFlowAsync(Approval);
        var id = (string)(await Executor.ExecuteAsync("tests.feeds", "approval"))["id"]!; // returns once PAUSED
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await Web.Client.GetStreamAsync($"api/v1/executions/{id}/follow", stop.Token);
        using var reader = new StreamReader(stream);
        var states = new List<string> { await NextStateAsync(reader, stop.Token) ?? "none" };

        using var form = new MultipartFormDataContent { { new StringContent("yes"), "approved" } };
        Assert.Equal(HttpStatusCode.NoContent, (await Executor.Client.PostAsync($"api/v1/executions/{id}/resume", form)).StatusCode);
        while (await NextStateAsync(reader, stop.Token) is { } state)
        {
            states.Add(state); // the stream ends after the terminal state, which only a notification brings to this server
        }

        Assert.Equal("SUCCESS", states[^1]);
        Assert.True(states[0] is "RUNNING" or "PAUSED", $"first state {states[0]}"); // PAUSED, or RUNNING while its checkpoint lands
    }

    [Fact]
    public async Task A_flow_revised_on_one_server_is_served_at_its_new_revision_by_another()
    {
        await Executor.CreateFlowAsync(Approval);
        Assert.Equal(1, (int?)(await Web.GetJsonAsync("api/v1/flows/tests.feeds/approval"))["revision"]); // cached there now

        await Executor.PostYamlAsync("api/v1/flows/tests.feeds/approval", Approval.Replace("resumed", "resumed again", StringComparison.Ordinal), HttpMethod.Put);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int?)(await Web.GetJsonAsync("api/v1/flows/tests.feeds/approval"))["revision"] != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the other server still serves revision 1");
            await Task.Delay(20);
        }
    }

    private static async Task<string?> NextStateAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (string?)JsonNode.Parse(line[6..])!["state"]!["current"];
            }
        }

        return null;
    }
}
