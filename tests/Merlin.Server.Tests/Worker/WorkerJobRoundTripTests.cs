using System.Text.Json.Nodes;
using Merlin.Core.Json;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Merlin.Server.Tests.Worker;

/// <summary>
/// A worker in another process gets its jobs as JSON: a server whose every job is serialized and read back (without the
/// definition and execution the executor hands over in process) runs a flow exactly as the in-process path does.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class WorkerJobRoundTripTests(MerlinServer direct) : IAsyncLifetime
{
    private const string Flow = """
        id: roundtrip
        namespace: tests.worker
        inputs:
          - id: name
            type: STRING
            defaults: world
          - id: password
            type: SECRET
            defaults: hunter2
        tasks:
          - id: hello
            type: io.kestra.plugin.core.debug.Return
            format: "hello {{ inputs.name }} from {{ flow.id }} revision {{ flow.revision }}, secret known: {{ inputs.password == 'hunter2' }}"
          - id: each
            type: io.kestra.plugin.core.flow.ForEach
            values: '["a", "b"]'
            tasks:
              - id: item
                type: io.kestra.plugin.core.debug.Return
                format: "{{ taskrun.value }} after {{ outputs.hello.value }}"
          - id: dir
            type: io.kestra.plugin.core.flow.WorkingDirectory
            tasks:
              - id: write
                type: io.kestra.plugin.core.storage.LocalFiles
                inputs:
                  name.txt: "{{ inputs.name }}"
              - id: read
                type: io.kestra.plugin.core.storage.LocalFiles
                outputs:
                  - name.txt
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: "done in {{ execution.id }}"
        """;

    private readonly JsonRoundTrip _jobs = new();
    private MerlinServer? _remote;

    public async Task InitializeAsync()
    {
        _remote = MerlinServer.WithServices(services =>
        {
            services.AddSingleton<InProcessWorkerJobQueue>();
            services.Replace(ServiceDescriptor.Singleton<IWorkerJobQueue>(sp => _jobs.Around(sp.GetRequiredService<InProcessWorkerJobQueue>())));
        });
        await _remote.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_remote is not null)
        {
            await _remote.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_read_back_from_json_runs_as_the_in_process_one()
    {
        var remote = _remote!;
        await remote.CreateFlowAsync(Flow);
        await direct.PostYamlAsync("api/v1/flows", Flow);

        var viaJson = await RunAsync(remote);
        var inProcess = await RunAsync(direct);

        Assert.Equal(
            [
                "hello=hello world from roundtrip revision 1, secret known: true",
                "item[a]=a after hello world from roundtrip revision 1, secret known: true",
                "item[b]=b after hello world from roundtrip revision 1, secret known: true",
                "name.txt=world",
                "log=done in {id}",
                "state=SUCCESS",
            ],
            viaJson);
        Assert.Equal(inProcess, viaJson);
        Assert.Equal(6, _jobs.Count); // hello, two items, write, read, log: every one went through JSON
        Assert.Equal(0, _jobs.Carried);
    }

    [Fact]
    public async Task The_json_of_a_job_names_what_a_worker_needs()
    {
        var remote = _remote!;
        await remote.CreateFlowAsync(Flow.Replace("id: roundtrip", "id: roundtrip_fields", StringComparison.Ordinal));
        var end = await remote.ExecuteAsync("tests.worker", "roundtrip_fields");
        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);

        var job = JsonNode.Parse(_jobs.Json.First(j => j.Contains("\"taskId\":\"hello\"", StringComparison.Ordinal)))!.AsObject();
        Assert.Equal((string?)end["id"], (string?)job["executionId"]);
        Assert.Equal("tests.worker", (string?)job["namespace"]);
        Assert.Equal("roundtrip_fields", (string?)job["flowId"]);
        Assert.Equal(1, (int?)job["flowRevision"]);
        Assert.Equal(1, (int?)job["attempt"]);
        Assert.False(string.IsNullOrEmpty((string?)job["taskRunId"]));
        Assert.Equal("world", (string?)job["variables"]!["inputs"]!["name"]);

        // The SECRET input travels encrypted, named among the secrets the worker decrypts.
        var password = (string?)job["variables"]!["inputs"]!["password"];
        Assert.NotEqual("hunter2", password);
        Assert.Contains(password, job["secrets"]!.AsArray().Select(s => (string?)s));
    }

    /// <summary>What the execution produced, with its id replaced so that two servers' runs compare.</summary>
    private static async Task<List<string>> RunAsync(MerlinServer server)
    {
        var end = await server.ExecuteAsync("tests.worker", "roundtrip");
        var id = (string)end["id"]!;
        var runs = end["taskRunList"]!.AsArray().Select(r => r!).ToList();
        string Output(string taskId, string? value = null) =>
            (string)runs.Single(r => (string?)r["taskId"] == taskId && (value is null || (string?)r["value"] == value))["outputs"]!["value"]!;
        var file = (string)runs.Single(r => (string?)r["taskId"] == "read")["outputs"]!["uris"]!["name.txt"]!;
        var content = await server.Client.GetStringAsync($"api/v1/executions/{id}/file?path={Uri.EscapeDataString(file)}");
        var logs = await server.LogsAsync(id);
        return
        [
            $"hello={Output("hello")}",
            $"item[a]={Output("item", "a")}",
            $"item[b]={Output("item", "b")}",
            $"name.txt={content}",
            $"log={(logs.Contains($"done in {id}", StringComparison.Ordinal) ? "done in {id}" : logs)}",
            $"state={(string?)end["state"]!["current"]}",
        ];
    }

    /// <summary>Sends every job through JSON, as a queue between processes would, and counts them.</summary>
    private sealed class JsonRoundTrip
    {
        private int _count;
        private int _carried;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Jobs that still held an in-process object after the trip (none may).</summary>
        public int Carried => Volatile.Read(ref _carried);

        public System.Collections.Concurrent.ConcurrentQueue<string> Json { get; } = new();

        public IWorkerJobQueue Around(IWorkerJobQueue inner) => new Queue(this, inner);

        private sealed class Queue(JsonRoundTrip owner, IWorkerJobQueue inner) : IWorkerJobQueue
        {
            public Task DispatchAsync(WorkerJob job, CancellationToken cancellationToken)
            {
                var json = KestraJson.Serialize(job);
                var copy = KestraJson.Deserialize<WorkerJob>(json)!;
                owner.Json.Enqueue(json);
                Interlocked.Increment(ref owner._count);
                if (copy.Task is not null || copy.Execution is not null)
                {
                    Interlocked.Increment(ref owner._carried);
                }

                return inner.DispatchAsync(copy, cancellationToken);
            }

            public Task KillAsync(string taskRunId, CancellationToken cancellationToken) => inner.KillAsync(taskRunId, cancellationToken);

            public IDisposable Subscribe(IWorkerJobHandler worker) => inner.Subscribe(worker);

            public Task<IReadOnlyList<(string ExecutionId, string TaskRunId)>> InFlightAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken) =>
                inner.InFlightAsync(executionIds, cancellationToken);
        }
    }
}
