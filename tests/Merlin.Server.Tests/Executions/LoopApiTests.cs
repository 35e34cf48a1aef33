using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>Kestra 2.0's Loop end to end, beside a 1.x ForEach flow that must keep working.</summary>
[Collection(ServerCollection.Name)]
public sealed class LoopApiTests(MerlinServer server)
{
    [Fact]
    public async Task A_loop_over_an_uploaded_file_runs_one_iteration_per_line()
    {
        await server.CreateFlowAsync("""
            id: loop_file
            namespace: tests.loop
            inputs:
              - id: regions
                type: FILE
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: "{{ inputs.regions }}"
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.index }}={{ item.value }}"
            """);
        var end = await server.ExecuteAsync("tests.loop", "loop_file", null, new Dictionary<string, string> { ["regions"] = "north\nsouth\nwest\n" });

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(["0=north", "1=south", "2=west"], await EachValuesAsync(end));
        Assert.Equal(3, (int?)end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "loop")!["outputs"]!["iterationCount"]);
    }

    [Fact]
    public async Task A_values_file_larger_than_a_task_output_may_be_fails_the_loop_naming_the_setting()
    {
        var limited = MerlinServer.WithArgs("--Merlin:Limits:TaskMaxOutputSize=16");
        await limited.InitializeAsync();
        try
        {
            await limited.CreateFlowAsync("""
                id: loop_big_file
                namespace: tests.loop
                inputs:
                  - id: lines
                    type: FILE
                tasks:
                  - id: loop
                    type: io.kestra.plugin.core.flow.Loop
                    values: "{{ inputs.lines }}"
                    tasks:
                      - id: each
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }}"
                """);
            var end = await limited.ExecuteAsync("tests.loop", "loop_big_file", null, new Dictionary<string, string> { ["lines"] = "one\ntwo\nthree\nfour\nfive\n" });

            Assert.Equal("FAILED", (string?)end["state"]!["current"]);
            Assert.DoesNotContain(end["taskRunList"]!.AsArray(), r => (string?)r!["taskId"] == "each");
            Assert.Contains("TaskMaxOutputSize", await limited.LogsAsync((string)end["id"]!), StringComparison.Ordinal);
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_loop_over_a_file_of_another_execution_fails_with_the_reason()
    {
        await server.CreateFlowAsync("""
            id: loop_foreign_file
            namespace: tests.loop
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: "kestra:///other/flow/executions/someone/inputs/f/secret.txt"
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.value }}"
            """);

        var end = await server.ExecuteAsync("tests.loop", "loop_foreign_file");

        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        Assert.DoesNotContain(end["taskRunList"]!.AsArray(), r => (string?)r!["taskId"] == "each");
        Assert.Contains("cannot read the values file", await server.LogsAsync((string)end["id"]!));
    }

    [Fact]
    public async Task A_Kestra_2_flow_with_a_loop_runs_its_iterations_and_exposes_their_outputs()
    {
        await server.CreateFlowAsync("""
            id: loop_outputs
            namespace: tests.loop
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: '["alpha", "beta", "gamma", "delta"]'
                concurrencyLimit: 1
                transmitFailed: false
                breakWhen: "{{ item.value == 'gamma' }}"
                outputs:
                  - id: label
                    type: STRING
                    value: "{{ outputs.process.value }}"
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: "index={{ item.index }} value={{ item.value }}"
                  - id: process
                    type: io.kestra.plugin.core.debug.Return
                    format: "processed {{ item.value }}"
              - id: read_outputs
                type: io.kestra.plugin.core.debug.Return
                format: "{{ loopOutputs(outputs.loop.outputs, 'label') | join(',') }}"
            """);

        var end = await server.ExecuteAsync("tests.loop", "loop_outputs");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        // One at a time: gamma ends the loop (breakWhen), delta never starts.
        var iterations = await IterationsAsync((string)end["id"]!);
        Assert.Equal(["alpha", "beta", "gamma"], iterations.Select(i => (string?)i["loopRun"]!["value"]));
        Assert.All(iterations, i => Assert.Equal("LOOP", (string?)i["kind"]));
        var loop = runs.Single(r => (string?)r!["taskId"] == "loop")!;
        Assert.Equal(4, (int?)loop["outputs"]!["iterationCount"]);
        Assert.Equal(3, (int?)loop["outputs"]!["terminatedIterations"]!["SUCCESS"]);
        var read = runs.Single(r => (string?)r!["taskId"] == "read_outputs")!;
        Assert.Equal("processed alpha,processed beta,processed gamma", (string?)read["outputs"]!["value"]);
        Assert.Contains("index=1 value=beta", await server.LogsAsync((string)iterations[1]["id"]!));
    }

    [Fact]
    public async Task A_failing_iteration_fails_the_loop_and_the_execution_by_default()
    {
        await server.CreateFlowAsync("""
            id: loop_fails
            namespace: tests.loop
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [ok, fail, ok]
                concurrencyLimit: 1
                tasks:
                  - id: maybe
                    type: io.kestra.plugin.core.execution.Fail
                    condition: "{{ item.value == 'fail' }}"
              - id: never
                type: io.kestra.plugin.core.log.Log
                message: unreachable
            """);

        var end = await server.ExecuteAsync("tests.loop", "loop_fails");

        Assert.Equal("FAILED", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        Assert.Equal(2, (await IterationRunsAsync((string)end["id"]!)).Count(r => (string?)r["taskId"] == "maybe"));
        Assert.DoesNotContain(runs, r => (string?)r!["taskId"] == "never");
    }

    [Fact]
    public async Task A_negative_concurrency_limit_is_refused_at_save_with_422()
    {
        var response = await server.PostYamlAsync("api/v1/flows", """
            id: loop_bad
            namespace: tests.loop
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [a]
                concurrencyLimit: -1
                tasks:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ item.value }}"
            """);

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("concurrencyLimit", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_1x_ForEach_flow_still_runs_with_taskrun_value_and_outputs_by_value()
    {
        await server.CreateFlowAsync("""
            id: legacy_foreach
            namespace: tests.loop
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: [1, 2]
                tasks:
                  - id: square
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ (taskrun.value | number) * (taskrun.value | number) }}"
              - id: after
                type: io.kestra.plugin.core.debug.Return
                format: "{{ outputs.square['2'].value }}"
            """);

        var end = await server.ExecuteAsync("tests.loop", "legacy_foreach");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal("4", (string?)end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "after")!["outputs"]!["value"]);
    }

    [Fact]
    public async Task An_iteration_reads_a_file_uploaded_to_its_parent_execution()
    {
        await server.CreateFlowAsync("""
            id: loop_reads
            namespace: tests.loop
            inputs:
              - id: doc
                type: FILE
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [a, b]
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.value }}:{{ read(inputs.doc) }}"
            """);
        var end = await server.ExecuteAsync("tests.loop", "loop_reads", null, new Dictionary<string, string> { ["doc"] = "shared" });

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        Assert.Equal(["a:shared", "b:shared"], await EachValuesAsync(end));
    }

    [Fact]
    public async Task Iterations_are_executions_of_kind_LOOP_listed_by_parent_and_left_out_of_other_searches()
    {
        await server.CreateFlowAsync("""
            id: loop_iterations
            namespace: tests.loop.iterations
            inputs:
              - id: greeting
                type: STRING
                defaults: hello
            tasks:
              - id: before
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.greeting }}"
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [a, b]
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.before.value }} {{ item.value }}"
            """);

        var end = await server.ExecuteAsync("tests.loop.iterations", "loop_iterations");
        var id = (string)end["id"]!;

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var iterations = await IterationsAsync(id);
        Assert.Equal(2, iterations.Count);
        var loopRunId = (string?)end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "loop")!["id"];
        foreach (var iteration in iterations)
        {
            Assert.Equal(("LOOP", id, "SUCCESS"), ((string?)iteration["kind"], (string?)iteration["parentId"], (string?)iteration["state"]!["current"]));
            Assert.Equal(("loop", loopRunId), ((string?)iteration["loopRun"]!["taskId"], (string?)iteration["loopRun"]!["taskRunId"]));
            var each = Assert.Single(iteration["taskRunList"]!.AsArray())!;
            Assert.Equal(loopRunId, (string?)each["parentTaskRunId"]);
            Assert.Equal($"hello {iteration["loopRun"]!["value"]}", (string?)each["outputs"]!["value"]);
        }

        var listed = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/executions/search?namespace=tests.loop.iterations&size=50"))!;
        Assert.Equal([id], listed["results"]!.AsArray().Select(e => (string)e!["id"]!));
    }

    private async Task<List<JsonNode>> IterationsAsync(string parentId)
    {
        var page = JsonNode.Parse(await server.Client.GetStringAsync($"api/v1/executions/search?parentId={parentId}&size=100"))!;
        return page["results"]!.AsArray().Select(e => e!)
            .OrderBy(e => (int)e["loopRun"]!["index"]!)
            .ToList();
    }

    /// <summary>The outputs of the <c>each</c> task runs of an execution's iterations, in order.</summary>
    private async Task<List<string?>> EachValuesAsync(JsonNode end) =>
        (await IterationRunsAsync((string)end["id"]!)).Where(r => (string?)r["taskId"] == "each").Select(r => (string?)r["outputs"]!["value"]).Order().ToList();

    private async Task<List<JsonNode>> IterationRunsAsync(string parentId) =>
        (await IterationsAsync(parentId)).SelectMany(i => i["taskRunList"]?.AsArray().Select(r => r!) ?? []).ToList();
}
