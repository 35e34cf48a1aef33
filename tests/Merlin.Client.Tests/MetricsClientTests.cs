using System.Net;
using Merlin.Client.Models;
using StateType = Merlin.Client.Models.StateType;

namespace Merlin.Client.Tests;

public sealed class MetricsClientTests(ClientFixture fixture) : IClassFixture<ClientFixture>
{
    private MerlinClient Client => fixture.Client;

    [Fact]
    public async Task Lists_an_executions_metrics_the_flows_names_and_tasks_and_aggregates_one()
    {
        await Client.Flows.CreateAsync("""
            id: counted
            namespace: client.metrics
            tasks:
              - id: count
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands:
                  - echo '::{"metrics":[{"name":"rows","type":"counter","value":2,"tags":{"k":"v"}},{"name":"took","type":"timer","value":"PT0.5S"}]}::'
            """);
        var run = await Client.Executions.RunAsync("client.metrics", "counted", wait: true);
        Assert.Equal(StateType.SUCCESS, run.State.Current);

        var page = await Client.Metrics.ListAsync(run.Id, taskId: "count", sort: ["name:desc"]);
        var names = await Client.Metrics.NamesAsync("client.metrics", "counted");
        var ofTask = await Client.Metrics.NamesAsync("client.metrics", "counted", "count");
        var tasks = await Client.Metrics.TasksAsync("client.metrics", "counted");
        var max = await Client.Metrics.AggregateAsync("client.metrics", "counted", "took", taskId: "count", aggregation: MetricAggregationKind.Max,
            startDate: DateTimeOffset.UtcNow.AddHours(-12), endDate: DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(2, page.Total);
        Assert.Equal([("took", "timer", 500.0), ("rows", "counter", 2.0)], page.Results.Select(m => (m.Name, m.Type, m.Value)));
        Assert.Equal("v", page.Results[1].Tags!["k"]);
        Assert.Equal(run.TaskRunList![0].Id, page.Results[0].TaskRunId);
        Assert.Equal(["rows", "took"], names);
        Assert.Equal(["rows", "took"], ofTask);
        Assert.Equal(["count"], tasks);
        Assert.Equal("hour", max.GroupBy);
        Assert.Equal(500, max.Aggregations.Max(a => a.Value));
        Assert.All(max.Aggregations, a => Assert.Equal("took", a.Name));
    }

    [Fact]
    public async Task Refusals_carry_kestras_error()
    {
        var unknown = await Assert.ThrowsAsync<MerlinApiException>(() => Client.Metrics.ListAsync("missing"));
        var backwards = await Assert.ThrowsAsync<MerlinApiException>(() =>
            Client.Metrics.AggregateAsync("client.metrics", "counted", "rows", startDate: DateTimeOffset.UtcNow, endDate: DateTimeOffset.UtcNow.AddDays(-1)));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("Start date must be before End Date", backwards.Message, StringComparison.Ordinal);
    }
}
