using System.Collections.Concurrent;
using System.Diagnostics;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Telemetry;

/// <summary>One span per execution and per task run, under the HTTP request that created the execution.</summary>
[Collection(ServerCollection.Name)]
public sealed class TracingTests(MerlinServer server)
{
    [Fact]
    public async Task An_execution_is_a_span_with_one_child_per_task_run_under_its_request()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Merlin.Executions" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var flow = "traced_" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateFlowAsync($"""
            id: {flow}
            namespace: test.tracing
            tasks:
              - id: first
                type: io.kestra.plugin.core.log.Log
                message: one
              - id: second
                type: io.kestra.plugin.core.log.Log
                message: two
            """);

        var execution = await server.ExecuteAsync("test.tracing", flow);
        var id = (string)execution["id"]!;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Activity? span;
        while ((span = spans.FirstOrDefault(s => (string?)s.GetTagItem("merlin.execution.id") == id)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotNull(span);
        Assert.Equal($"execution test.tracing.{flow}", span.DisplayName);
        Assert.Equal("SUCCESS", span.GetTagItem("merlin.state"));
        var request = spans.Single(s => s.SpanId == span.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        var tasks = spans.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.GetTagItem("merlin.task.id")).ToList();
        Assert.Equal(["first", "second"], tasks);
        Assert.True(span.Duration > TimeSpan.Zero);
    }
}
