using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Merlin.Core.Storage;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Merlin.Server.Tests.Scripts.ScriptRuns;

namespace Merlin.Server.Tests.Metrics;

/// <summary>A script's <c>::{"metrics":[...]}::</c> lines become the task run's metric entries, served by Kestra's <c>/api/v1/metrics</c> routes.</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricApiTests(MerlinServer server)
{
    private const string Namespace = "tests.metrics";

    private async Task<JsonNode> RunAsync(string flowId)
    {
        await server.CreateFlowAsync($$$"""
            id: {{{flowId}}}
            namespace: {{{Namespace}}}
            tasks:
              - id: extract
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands:
                  - echo '::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"orders"}},{"name":"took","type":"timer","value":1.5}]}::'
                  - echo '::{"metrics":[{"name":"rows","type":"counter","value":5},{"name":"queue","type":"gauge","value":7}]}::'
              - id: load
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands:
                  - echo '::{"metrics":[{"name":"written","type":"counter","value":8}]}::'
            """);
        var end = await server.ExecuteAsync(Namespace, flowId);
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        return end;
    }

    [Fact]
    public async Task A_scripts_metric_lines_are_served_as_the_task_runs_metric_entries()
    {
        var end = await RunAsync("script_metrics");
        var id = (string)end["id"]!;

        var page = await server.GetJsonAsync($"api/v1/metrics/{id}?size=50");

        Assert.Equal(5, (int)page["total"]!);
        var entries = page["results"]!.AsArray();
        Assert.Equal(["rows", "took", "rows", "queue", "written"], entries.Select(e => (string?)e!["name"]));
        var rows = entries[0]!;
        Assert.Equal(("counter", 3.0, "orders"), ((string?)rows["type"], (double)rows["value"]!, (string?)rows["tags"]!["table"]));
        Assert.Equal((Namespace, "script_metrics", "extract", id, (string?)Run(end, "extract")["id"]),
            ((string?)rows["namespace"], (string?)rows["flowId"], (string?)rows["taskId"], (string?)rows["executionId"], (string?)rows["taskRunId"]));
        Assert.True(DateTimeOffset.TryParse((string?)rows["timestamp"], CultureInfo.InvariantCulture, out _));
        Assert.Equal(("timer", 1500.0), ((string?)entries[1]!["type"], (double)entries[1]!["value"]!)); // Kestra stores a timer in milliseconds
        Assert.Equal(("gauge", 7.0), ((string?)entries[3]!["type"], (double)entries[3]!["value"]!));
        Assert.Empty(entries[2]!["tags"]!.AsObject());
    }

    [Fact]
    public async Task Metrics_filter_by_task_or_task_run_sort_and_page_also_under_the_tenant_prefix()
    {
        var end = await RunAsync("filtered_metrics");
        var id = (string)end["id"]!;
        var loadRun = (string)Run(end, "load")["id"]!;

        var ofTask = await server.GetJsonAsync($"api/v1/metrics/{id}?taskId=extract");
        var ofRun = await server.GetJsonAsync($"api/v1/main/metrics/{id}?taskRunId={loadRun}");
        var byValue = await server.GetJsonAsync($"api/v1/metrics/{id}?sort=value:desc&size=2&page=1");
        var secondPage = await server.GetJsonAsync($"api/v1/metrics/{id}?sort=value:desc&size=2&page=2");

        Assert.Equal(4, (int)ofTask["total"]!);
        Assert.Equal(["written"], ofRun["results"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal(5, (int)byValue["total"]!);
        Assert.Equal([1500.0, 8.0], byValue["results"]!.AsArray().Select(e => (double)e!["value"]!));
        Assert.Equal([7.0, 5.0], secondPage["results"]!.AsArray().Select(e => (double)e!["value"]!));
    }

    [Fact]
    public async Task Names_and_tasks_of_a_flow_list_what_its_tasks_recorded()
    {
        await RunAsync("named_metrics");

        var names = await server.GetJsonAsync($"api/v1/metrics/names/{Namespace}/named_metrics");
        var ofExtract = await server.GetJsonAsync($"api/v1/metrics/names/{Namespace}/named_metrics/extract");
        var tasks = await server.GetJsonAsync($"api/v1/metrics/tasks/{Namespace}/named_metrics");
        var none = await server.GetJsonAsync($"api/v1/metrics/names/{Namespace}/no_such_flow");

        Assert.Equal(["queue", "rows", "took", "written"], names.AsArray().Select(n => (string?)n));
        Assert.Equal(["queue", "rows", "took"], ofExtract.AsArray().Select(n => (string?)n));
        Assert.Equal(["extract", "load"], tasks.AsArray().Select(n => (string?)n));
        Assert.Empty(none.AsArray());
    }

    [Fact]
    public async Task Aggregates_sum_average_min_and_max_a_metric_per_period()
    {
        await RunAsync("aggregated_metrics");
        Assert.Equal("SUCCESS", (string?)(await server.ExecuteAsync(Namespace, "aggregated_metrics"))["state"]!["current"]);
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture));
        async Task<double> TotalAsync(string path, string aggregation, Func<IEnumerable<double>, double> across)
        {
            var answer = await server.GetJsonAsync($"api/v1/metrics/aggregates/{Namespace}/aggregated_metrics/{path}?startDate={from}&endDate={to}&aggregation={aggregation}");
            Assert.Equal("minute", (string?)answer["groupBy"]);
            var periods = answer["aggregations"]!.AsArray();
            Assert.InRange(periods.Count, 65, 66); // one per minute of the range, the empty ones at 0
            return across(periods.Select(p => (double)p!["value"]!).Where(v => v != 0));
        }

        Assert.Equal(16, await TotalAsync("rows", "sum", v => v.Sum()));
        Assert.Equal(16, await TotalAsync("extract/rows", "sum", v => v.Sum()));
        Assert.Equal(0, await TotalAsync("load/rows", "sum", v => v.Sum()));
        Assert.Equal(4, await TotalAsync("rows", "avg", v => v.Average())); // each run in one minute: (3+5)/2, or (3+5+3+5)/4
        Assert.Equal(3, await TotalAsync("rows", "min", v => v.Min()));
        Assert.Equal(5, await TotalAsync("rows", "max", v => v.Max()));
        var byDefault = await server.GetJsonAsync($"api/v1/metrics/aggregates/{Namespace}/aggregated_metrics/written");
        Assert.Equal("day", (string?)byDefault["groupBy"]); // the last 30 days
        Assert.Equal(16, byDefault["aggregations"]!.AsArray().Sum(p => (double)p!["value"]!));
        Assert.All(byDefault["aggregations"]!.AsArray(), p => Assert.Equal("written", (string?)p!["name"]));
    }

    [Fact]
    public async Task The_publish_task_records_rendered_metrics_and_an_unknown_type_is_refused_at_save()
    {
        await server.CreateFlowAsync($$$"""
            id: published
            namespace: {{{Namespace}}}
            inputs:
              - id: rows
                type: INT
                defaults: 42
            tasks:
              - id: publish
                type: io.kestra.plugin.core.metric.Publish
                metrics:
                  - type: counter
                    name: rows
                    value: "{{ inputs.rows }}"
                    tags:
                      source: "{{ flow.id }}"
                  - type: timer
                    name: took
                    value: PT0.25S
            """);
        var end = await server.ExecuteAsync(Namespace, "published");
        var refused = await server.PostYamlAsync("api/v1/flows", $"id: bad_publish\nnamespace: {Namespace}\ntasks:\n  - id: p\n    type: io.kestra.plugin.core.metric.Publish\n    metrics:\n      - type: histogram\n        name: x\n        value: 1\n");

        var entries = (await server.GetJsonAsync($"api/v1/metrics/{end["id"]}"))["results"]!.AsArray();
        Assert.Equal([("rows", 42.0, "published"), ("took", 250.0, null)],
            entries.Select(e => ((string?)e!["name"], (double)e["value"]!, (string?)e["tags"]?["source"])));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("unknown type 'histogram'", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_get_kestras_error_body()
    {
        var unknownExecution = await server.Client.GetAsync("api/v1/metrics/nope");
        var badAggregation = await server.Client.GetAsync($"api/v1/metrics/aggregates/{Namespace}/f/rows?aggregation=median");
        var backwards = await server.Client.GetAsync($"api/v1/metrics/aggregates/{Namespace}/f/rows?startDate=2024-02-01T00:00:00Z&endDate=2024-01-01T00:00:00Z");
        var badSort = await server.Client.GetAsync("api/v1/metrics/nope?sort=color:asc");
        var badPage = await server.Client.GetAsync("api/v1/metrics/nope?page=0");

        Assert.Equal(HttpStatusCode.NotFound, unknownExecution.StatusCode);
        Assert.Contains("Execution 'nope' not found", await unknownExecution.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badAggregation.StatusCode);
        Assert.Contains("Illegal argument: Invalid aggregation: median", await badAggregation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("Start date must be before End Date", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        Assert.Contains("unknown sort field 'color'", await badSort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_execution_deletes_its_metrics()
    {
        var end = await RunAsync("deleted_metrics");
        var id = (string)end["id"]!;
        var repository = server.Services.GetRequiredService<IMetricRepository>();
        Assert.Equal(5, (await repository.ListAsync(new MetricQuery { ExecutionId = id }, CancellationToken.None)).Total);

        using var deleted = await server.Client.DeleteAsync($"api/v1/executions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, (await repository.ListAsync(new MetricQuery { ExecutionId = id }, CancellationToken.None)).Total);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/v1/metrics/{id}")).StatusCode);
    }
}
