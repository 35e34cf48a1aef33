using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Server.Tests.Security;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>
/// Object-level authorization of internal storage through the HTTP API: every storage task and file function
/// refuses another namespace's execution file (failing only its own task run, the file untouched), still works on
/// the execution's own files, and a subflow reaches its parent's files and the parent its subflow's.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class StorageAccessTests(MerlinServer server)
{
    private const string Target = "{{ inputs.uri ?? inputs.file }}";
    private const string SizeTask = $"type: io.kestra.plugin.core.storage.Size\n    uri: \"{Target}\"";

    /// <summary>One hostile task per storage task type and file function, each reading (or deleting) <see cref="Target"/>.</summary>
    public static TheoryData<string, string> Touches => new()
    {
        { "concat", $"type: io.kestra.plugin.core.storage.Concat\n    files:\n      - \"{Target}\"" },
        { "split", $"type: io.kestra.plugin.core.storage.Split\n    from: \"{Target}\"\n    rows: \"1\"" },
        { "reverse", $"type: io.kestra.plugin.core.storage.Reverse\n    from: \"{Target}\"" },
        { "size", SizeTask },
        { "delete", $"type: io.kestra.plugin.core.storage.Delete\n    uri: \"{Target}\"\n    errorOnMissing: true" },
        { "read_function", "type: io.kestra.plugin.core.log.Log\n    message: \"{{ read(inputs.uri ?? inputs.file) }}\"" },
        { "file_size_function", "type: io.kestra.plugin.core.log.Log\n    message: \"{{ fileSize(inputs.uri ?? inputs.file) }}\"" },
    };

    [Theory]
    [MemberData(nameof(Touches))]
    public async Task A_storage_task_or_function_cannot_reach_another_namespace_file(string name, string task)
    {
        var (victimId, victimUri) = await VictimFileAsync();
        await CreateIntruderAsync(name, task);

        var execution = await RunAsync("tests.storage.intruder", name, ("uri", victimUri));

        // Only the refused task run failed (turned into WARNING by allowFailure); the next one ran.
        Assert.Equal("WARNING", (string?)execution["state"]!["current"]);
        var runs = execution["taskRunList"]!.AsArray();
        Assert.Equal("WARNING", (string?)runs.Single(r => (string?)r!["taskId"] == "touch")!["state"]!["current"]);
        Assert.Equal("SUCCESS", (string?)runs.Single(r => (string?)r!["taskId"] == "after")!["state"]!["current"]);
        Assert.Contains($"the file '{victimUri}' as it doesn't belong to the current execution", await server.LogsAsync((string)execution["id"]!));

        var stillThere = await server.Client.GetAsync($"api/v1/executions/{victimId}/file?path={Uri.EscapeDataString(victimUri)}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal("secret of another team\n", await stillThere.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Touches))]
    public async Task A_storage_task_or_function_still_works_on_the_execution_own_files(string name, string task)
    {
        await CreateIntruderAsync(name, task);

        var execution = await RunAsync("tests.storage.intruder", name, file: "line one\nline two\n");

        Assert.Equal("SUCCESS", (string?)execution["state"]!["current"]);
    }

    [Fact]
    public async Task A_subflow_reads_its_parent_file_and_the_parent_reads_the_subflow_output_file()
    {
        await server.CreateFlowAsync("""
            id: worker
            namespace: tests.storage.child
            inputs:
              - id: handed
                type: FILE
            tasks:
              - id: flip
                type: io.kestra.plugin.core.storage.Reverse
                from: "{{ inputs.handed }}"
              - id: measure
                type: io.kestra.plugin.core.storage.Size
                uri: "{{ inputs.handed }}"
            outputs:
              - id: flipped
                type: STRING
                value: "{{ outputs.flip.uri }}"
            """);
        await server.CreateFlowAsync("""
            id: boss
            namespace: tests.storage.parent
            inputs:
              - id: file
                type: FILE
            tasks:
              - id: call
                type: io.kestra.plugin.core.flow.Subflow
                namespace: tests.storage.child
                flowId: worker
                inputs:
                  handed: "{{ inputs.file }}"
              - id: readback
                type: io.kestra.plugin.core.log.Log
                message: "child wrote {{ read(outputs.call.outputs.flipped) | trim }} in {{ fileSize(outputs.call.outputs.flipped) }} bytes"
            """);

        var parent = await RunAsync("tests.storage.parent", "boss", file: "a\nb\n");

        Assert.Equal("SUCCESS", (string?)parent["state"]!["current"]);
        var parentId = (string)parent["id"]!;
        Assert.Contains("child wrote b\na in 4 bytes", await server.LogsAsync(parentId));

        // The API applies the same rule: the parent's page may download its subflow's output file.
        var childFile = (string)parent["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "call")!["outputs"]!["outputs"]!["flipped"]!;
        var download = await server.Client.GetAsync($"api/v1/executions/{parentId}/file?path={Uri.EscapeDataString(childFile)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("b\na\n", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_file_download_route_refuses_a_file_of_another_execution_as_not_found()
    {
        var (_, victimUri) = await VictimFileAsync();
        await CreateIntruderAsync("size", SizeTask);
        var intruder = await RunAsync("tests.storage.intruder", "size", file: "mine\n");

        var response = await server.Client.GetAsync($"api/v1/executions/{intruder["id"]}/file?path={Uri.EscapeDataString(victimUri)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiErrorAssert.IsKestraErrorAsync(response, "Not Found: File 'kestra:///tests/storage/victim/");
    }

    [Fact]
    public async Task A_file_input_naming_another_namespace_file_is_refused_at_creation()
    {
        var (_, victimUri) = await VictimFileAsync();
        await CreateIntruderAsync("size", SizeTask);
        using var form = new MultipartFormDataContent { { new StringContent(victimUri), "file" } };

        var response = await server.Client.PostAsync("api/v1/executions/tests.storage.intruder/size", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await ApiErrorAssert.IsKestraErrorAsync(response, "Invalid entity: Unable to read the file");
        Assert.Contains("inputs.file", body, StringComparison.Ordinal);
    }

    /// <summary>An execution of another namespace holding an uploaded file; returns its id and the file's URI.</summary>
    private async Task<(string Id, string Uri)> VictimFileAsync()
    {
        await EnsureFlowAsync("id: holder\nnamespace: tests.storage.victim\ninputs:\n  - id: file\n    type: FILE\ntasks:\n  - id: hold\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ inputs.file }}\"\n");
        var victim = await RunAsync("tests.storage.victim", "holder", file: "secret of another team\n");
        Assert.Equal("SUCCESS", (string?)victim["state"]!["current"]);
        return ((string)victim["id"]!, (string)victim["inputs"]!["file"]!);
    }

    private Task CreateIntruderAsync(string name, string task) => EnsureFlowAsync($"""
        id: {name}
        namespace: tests.storage.intruder
        inputs:
          - id: file
            type: FILE
            required: false
          - id: uri
            type: STRING
            required: false
        tasks:
          - id: touch
            allowFailure: true
            {task}
          - id: after
            type: io.kestra.plugin.core.log.Log
            message: still running
        """);

    /// <summary>Creates a flow once: tests of this class share the server and some of its flows.</summary>
    private async Task EnsureFlowAsync(string yaml)
    {
        var response = await server.PostYamlAsync("api/v1/flows", yaml);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a flow with wait=true, with an uploaded <c>file</c> and/or text inputs.</summary>
    private async Task<JsonNode> RunAsync(string @namespace, string flowId, (string Key, string Value)? text = null, string? file = null)
    {
        using var form = new MultipartFormDataContent();
        if (text is { } t)
        {
            form.Add(new StringContent(t.Value), t.Key);
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "data.txt");
        }

        var response = await server.Client.PostAsync($"api/v1/executions/{@namespace}/{flowId}?wait=true", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
