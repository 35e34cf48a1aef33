using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Hardening;

/// <summary>Flows Kestra refuses are refused at save with 422 naming the property; their valid neighbours are accepted.</summary>
[Collection(ServerCollection.Name)]
public sealed class InvalidFlowTests(MerlinServer server)
{
    private const string Log = "  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

    [Theory]
    [InlineData("cyclic_dag", "tasks:\n  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: a\n          type: io.kestra.plugin.core.log.Log\n          message: a\n        dependsOn: [c]\n      - task:\n          id: b\n          type: io.kestra.plugin.core.log.Log\n          message: b\n        dependsOn: [a]\n      - task:\n          id: c\n          type: io.kestra.plugin.core.log.Log\n          message: c\n        dependsOn: [b]\n      - task:\n          id: d\n          type: io.kestra.plugin.core.log.Log\n          message: d\n        dependsOn: [a]\n",
        "flow.tasks[dag]", "Cyclic dependency detected: a, b, c")]
    [InlineData("recursive", "tasks:\n  - id: again\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: hardening.invalid\n    flowId: recursive\n",
        "flow.tasks[again]", "Recursive call to flow [hardening.invalid.recursive]")]
    [InlineData("flowable_in_workdir", "tasks:\n  - id: wd\n    type: io.kestra.plugin.core.flow.WorkingDirectory\n    tasks:\n      - id: seq\n        type: io.kestra.plugin.core.flow.Sequential\n        tasks:\n          - id: log\n            type: io.kestra.plugin.core.log.Log\n            message: hi\n",
        "flow.tasks[wd]", "Only runnable tasks are allowed as children of a WorkingDirectory task")]
    [InlineData("empty_listener", "listeners:\n  - tasks: []\ntasks:\n" + Log, "flow.listeners[0].tasks", "must not be empty")]
    [InlineData("bad_validator", "inputs:\n  - id: name\n    type: STRING\n    validator: \"[a-z\"\ntasks:\n" + Log, "flow.inputs[name].validator", "Invalid regex")]
    [InlineData("bad_cron", "tasks:\n" + Log + "triggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: '99 99 * * * * *'\n", "flow.triggers[every]", "invalid cron expression")]
    [InlineData("bad_timezone", "tasks:\n" + Log + "triggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: '0 * * * *'\n    timezone: Mars/Olympus\n", "flow.triggers[every]", "invalid timezone 'Mars/Olympus'")]
    [InlineData("sleep_forever", "tasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: forever\n", "flow.tasks[nap]", "duration: Invalid ISO-8601 duration 'forever'")]
    [InlineData("timeout_forever", "tasks:\n" + Log + "    timeout: forever\n", "flow.tasks[log]", "timeout: Invalid ISO-8601 duration 'forever'")]
    [InlineData("retry_forever", "tasks:\n" + Log + "    retry:\n      type: constant\n      interval: forever\n      maxAttempt: 2\n", "flow.tasks[log].retry", "interval: Invalid ISO-8601 duration")]
    [InlineData("pause_forever", "tasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    delay: forever\n", "flow.tasks[wait]", "delay: Invalid ISO-8601 duration")]
    [InlineData("worker_group", "tasks:\n" + Log + "    workerGroup:\n      key: gpu\n", "flow.tasks[log].workerGroup", "Enterprise Edition")]
    public async Task Kestra_refuses_it_so_the_save_answers_422_naming_the_property(string id, string body, string path, string message)
    {
        using var response = await server.PostYamlAsync("api/v1/flows", $"id: {id}\nnamespace: hardening.invalid\n{body}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        var errors = JsonNode.Parse(text)!["_embedded"]!["errors"]!.AsArray();
        Assert.Contains(errors, e => (string?)e!["path"] == path && ((string?)e["message"])!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/v1/flows/hardening.invalid/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("dag", "tasks:\n  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: a\n          type: io.kestra.plugin.core.log.Log\n          message: a\n      - task:\n          id: b\n          type: io.kestra.plugin.core.log.Log\n          message: b\n        dependsOn: [a]\n")]
    [InlineData("other_flow", "tasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: hardening.valid\n    flowId: somewhere_else\n")]
    [InlineData("schedule", "tasks:\n" + Log + "triggers:\n  - id: every\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: '*/5 * * * *'\n    timezone: Europe/Paris\n")]
    [InlineData("templated_durations", "tasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: \"{{ 'PT0.01S' }}\"\n    timeout: PT1M\n    retry:\n      type: constant\n      interval: PT1S\n      maxAttempt: 2\n")]
    [InlineData("null_lists", "labels: null\nlisteners: null\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.WaitFor\n    condition: \"{{ true }}\"\n    checkFrequency: null\n    tasks:\n      - id: log\n        type: io.kestra.plugin.core.log.Log\n        message: hi\n")]
    [InlineData("validator", "inputs:\n  - id: name\n    type: STRING\n    validator: '^[a-z]+$'\ntasks:\n" + Log)]
    public async Task Its_valid_neighbour_is_accepted(string id, string body)
    {
        await server.CreateFlowAsync($"id: {id}\nnamespace: hardening.valid\n{body}");
    }
}
