using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Merlin.Testing;

namespace Merlin.Server.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> in Prometheus format: the engine's counters move with executions. The server runs as its own
/// process, as in production: meters are process-wide, so in-process test servers would see each other's series.
/// </summary>
public sealed partial class MetricsTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "merlin-metrics-" + Guid.NewGuid().ToString("N"));
    private readonly ServerProcess _server;

    public MetricsTests() => _server = new ServerProcess(_dataDir);

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private async Task ExecuteAsync(string flow, bool fail)
    {
        using var form = new MultipartFormDataContent { { new StringContent(fail ? "true" : "false"), "fail" } };
        using var response = await _server.Client.PostAsync($"api/v1/executions/test.metrics/{flow}?wait=true", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Executions_move_the_counters_histograms_and_gauges()
    {
        await _server.StartAsync();
        var flow = "metrics_" + Guid.NewGuid().ToString("N")[..8];
        using var created = await _server.Client.PostAsync("api/v1/flows", new StringContent($$$"""
            id: {{{flow}}}
            namespace: test.metrics
            inputs:
              - id: fail
                type: BOOLEAN
                defaults: false
            tasks:
              - id: maybe
                type: io.kestra.plugin.core.flow.If
                condition: "{{ inputs.fail }}"
                then:
                  - id: boom
                    type: io.kestra.plugin.core.execution.Fail
                else:
                  - id: fine
                    type: io.kestra.plugin.core.log.Log
                    message: ok
            """, Encoding.UTF8, "application/x-yaml"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var commitsBefore = Value(await ScrapeAsync(), "merlin_storage_commit_duration_seconds_count", "") ?? 0;

        await ExecuteAsync(flow, fail: false);
        await ExecuteAsync(flow, fail: false);
        await ExecuteAsync(flow, fail: true);

        var labels = $"flow=\"{flow}\",namespace=\"test.metrics\"";
        var text = await ScrapeUntilAsync(t => Value(t, "merlin_executions_ended_total", labels + ",state=\"FAILED\"") == 1
            && Value(t, "merlin_executions_ended_total", labels + ",state=\"SUCCESS\"") == 2);

        Assert.Equal(3, Value(text, "merlin_executions_created_total", labels));
        Assert.Equal(2, Value(text, "merlin_execution_duration_seconds_count", labels + ",state=\"SUCCESS\""));
        Assert.Equal(2, Value(text, "merlin_taskrun_duration_seconds_count", labels + ",state=\"SUCCESS\",task=\"fine\""));
        Assert.Equal(1, Value(text, "merlin_taskrun_duration_seconds_count", labels + ",state=\"FAILED\",task=\"boom\""));
        Assert.True(Value(text, "merlin_storage_commit_duration_seconds_count", "") > commitsBefore, "no commit was measured");
        Assert.True(Value(text, "merlin_storage_commit_batch_size_count", "") > 0);
        Assert.NotNull(Value(text, "merlin_executor_queue_depth", ""));
        Assert.NotNull(Value(text, "merlin_executor_lag_seconds", ""));
        Assert.NotNull(Value(text, "merlin_worker_busy", ""));
        Assert.Contains("http_server_request_duration_seconds_count{", text);
        Assert.Contains("# TYPE merlin_executions_ended_total counter", text);
    }

    [Fact]
    public async Task A_scripts_metrics_are_exported_by_namespace_flow_task_and_name_without_their_tags()
    {
        await _server.StartAsync();
        using var created = await _server.Client.PostAsync("api/v1/flows", new StringContent("""
            id: script_metrics
            namespace: test.metrics
            tasks:
              - id: sh
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands:
                  - echo '::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"file":"a.csv"}},{"name":"took","type":"timer","value":0.2}]}::'
                  - echo '::{"metrics":[{"name":"queue","type":"gauge","value":4}]}::'
            """, Encoding.UTF8, "application/x-yaml"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        await ExecuteAsync("script_metrics", fail: false);
        await ExecuteAsync("script_metrics", fail: false);

        var labels = "flow=\"script_metrics\",metric=\"{0}\",namespace=\"test.metrics\",task=\"sh\"";
        string Of(string metric) => string.Format(CultureInfo.InvariantCulture, labels, metric);
        var text = await ScrapeUntilAsync(t => Value(t, "merlin_task_counter_total", Of("rows")) == 6);
        Assert.Equal(6, Value(text, "merlin_task_counter_total", Of("rows")));
        Assert.Equal(2, Value(text, "merlin_task_timer_seconds_count", Of("took")));
        Assert.Equal(0.4, Value(text, "merlin_task_timer_seconds_sum", Of("took"))!.Value, precision: 6);
        Assert.Equal(4, Value(text, "merlin_task_gauge", Of("queue")));
        Assert.DoesNotContain("a.csv", text, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await _server.Client.GetAsync("metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The exporter caches a scrape briefly, so the counters are polled with a deadline.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await ScrapeAsync();
            if (done(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The value of the series <paramref name="name"/> whose labels (after otel_scope_name) are exactly <paramref name="labels"/>.</summary>
    private static double? Value(string text, string name, string labels)
    {
        foreach (Match match in Series().Matches(text))
        {
            if (match.Groups["name"].Value != name)
            {
                continue;
            }

            var rest = Regex.Replace(match.Groups["labels"].Value, "^otel_scope_name=\"[^\"]*\",?", "");
            if (rest == labels)
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
