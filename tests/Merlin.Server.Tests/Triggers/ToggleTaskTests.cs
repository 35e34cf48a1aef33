using System.Net;
using System.Net.Http.Json;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Triggers;

/// <summary>The Toggle task disables a trigger by the triggers API's rule: the same state, seen by webhooks and the API.</summary>
[Collection(ServerCollection.Name)]
public sealed class ToggleTaskTests(MerlinServer server)
{
    [Fact]
    public async Task Toggle_disables_a_trigger_that_never_ran_and_the_api_enables_it_again()
    {
        await server.CreateFlowAsync("""
            id: target
            namespace: tests.toggle
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: hooked
            triggers:
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: toggle-key
            """);
        await server.CreateFlowAsync("""
            id: switch_off
            namespace: tests.toggle
            tasks:
              - id: toggle
                type: io.kestra.plugin.core.trigger.Toggle
                namespace: tests.toggle
                flowId: target
                trigger: hook
                enabled: false
            """);

        var toggled = await server.ExecuteAsync("tests.toggle", "switch_off");

        Assert.Equal("SUCCESS", (string?)toggled["state"]!["current"]);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsync("api/v1/executions/webhook/tests.toggle/target/toggle-key", null)).StatusCode);
        var page = await server.GetJsonAsync("api/v1/triggers/search?namespace=tests.toggle&flowId=target");
        Assert.True((bool?)page["results"]![0]!["triggerContext"]!["disabled"]);

        var enable = await server.Client.PutAsJsonAsync("api/v1/triggers", new { @namespace = "tests.toggle", flowId = "target", triggerId = "hook", disabled = false });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("api/v1/executions/webhook/tests.toggle/target/toggle-key", null)).StatusCode);
    }

    [Fact]
    public async Task Toggle_of_a_trigger_the_flow_lacks_fails_with_the_apis_message()
    {
        await server.CreateFlowAsync("""
            id: switch_missing
            namespace: tests.toggle
            tasks:
              - id: toggle
                type: io.kestra.plugin.core.trigger.Toggle
                trigger: nope
                enabled: false
            """);

        var end = await server.ExecuteAsync("tests.toggle", "switch_missing");

        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.Contains("Trigger 'nope' not found on flow 'tests.toggle.switch_missing'", await server.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
    }
}
