using System.Net;
using Merlin.Testing;

namespace Merlin.Server.Tests.Hardening;

/// <summary>
/// Heavy rendering never holds an executor loop: while one execution renders an (almost) endless template, every
/// other execution completes, and a kill of the heavy one is honoured inside its loops.
/// </summary>
public sealed class IsolationTests(IsolationTests.UnboundedServer server) : IClassFixture<IsolationTests.UnboundedServer>
{
    private const string Ns = "tests.isolation";

    [Fact]
    public async Task Other_executions_complete_while_one_renders_and_the_heavy_one_is_killed_on_request()
    {
        var merlin = server.Merlin;
        await merlin.CreateFlowAsync($$"""
            id: heavy
            namespace: {{Ns}}
            tasks:
              - id: spin
                type: io.kestra.plugin.core.log.Log
                message: "{% for i in range(0, 100000) %}{% for j in range(0, 100000) %}{% endfor %}{% endfor %}done"
            """);
        await merlin.CreateFlowAsync($"id: quick\nnamespace: {Ns}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: quick\n");

        var heavy = (string)(await merlin.ExecuteAsync(Ns, "heavy", query: "wait=false"))["id"]!;
        await merlin.WaitForStateAsync(heavy, "RUNNING");

        // Ids are hashed over the executor loops: 40 executions reach every loop, the heavy one's included.
        var quick = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => merlin.ExecuteAsync(Ns, "quick")));
        Assert.All(quick, e => Assert.Equal("SUCCESS", (string?)e["state"]!["current"]));
        var stillRendering = await merlin.GetJsonAsync($"api/v1/executions/{heavy}");
        Assert.Equal("RUNNING", (string?)stillRendering["state"]!["current"]);

        Assert.Equal(HttpStatusCode.Accepted, (await merlin.Client.DeleteAsync($"api/v1/executions/{heavy}/kill")).StatusCode);
        var killed = await merlin.WaitEndAsync(heavy);
        Assert.Equal("KILLED", (string?)killed["state"]!["current"]);
        Assert.Equal("KILLED", (string?)killed["taskRunList"]![0]!["state"]!["current"]);
        var heavyEnd = DateTimeOffset.Parse((string)killed["state"]!["endDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(quick, e => Assert.True(DateTimeOffset.Parse((string)e["state"]!["endDate"]!, System.Globalization.CultureInfo.InvariantCulture) < heavyEnd));
        Assert.DoesNotContain("done", await merlin.LogsAsync(heavy), StringComparison.Ordinal);
    }

    /// <summary>A server whose template budgets never end a render: only the kill can.</summary>
    public sealed class UnboundedServer : IAsyncLifetime
    {
        public MerlinServer Merlin { get; } = MerlinServer.With(o =>
        {
            o.Limits.TemplateMaxSteps = long.MaxValue;
            o.Limits.TemplateMaxDuration = TimeSpan.FromHours(1);
        });

        public Task InitializeAsync() => Merlin.InitializeAsync();

        public Task DisposeAsync() => Merlin.DisposeAsync();
    }
}
