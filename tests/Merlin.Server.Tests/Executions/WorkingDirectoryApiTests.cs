using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>A WorkingDirectory's children share one local directory, its own per task run, removed once it ends.</summary>
[Collection(ServerCollection.Name)]
public sealed class WorkingDirectoryApiTests(MerlinServer server)
{
    [Fact]
    public async Task Output_files_of_a_working_directory_are_stored_and_read_by_a_later_task()
    {
        await server.CreateFlowAsync("""
            id: directory_outputs
            namespace: tests.workingdir
            tasks:
              - id: dir
                type: io.kestra.plugin.core.flow.WorkingDirectory
                outputFiles:
                  - "*.csv"
                  - "report.txt"
                tasks:
                  - id: write
                    type: io.kestra.plugin.core.storage.LocalFiles
                    inputs:
                      data.csv: "a,b"
                      nested/report.txt: first
                      ignored.log: nope
                  - id: rewrite
                    type: io.kestra.plugin.core.storage.LocalFiles
                    inputs:
                      nested/report.txt: second
              - id: read
                type: io.kestra.plugin.core.debug.Return
                format: "{{ read(outputs.dir.outputFiles['data.csv']) }}|{{ read(outputs.dir.outputFiles['nested/report.txt']) }}"
            """);

        var end = await server.ExecuteAsync("tests.workingdir", "directory_outputs");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var runs = end["taskRunList"]!.AsArray();
        var files = runs.Single(r => (string?)r!["taskId"] == "dir")!["outputs"]!["outputFiles"]!.AsObject();
        Assert.Equal(["data.csv", "nested/report.txt"], files.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal("a,b|second", (string?)runs.Single(r => (string?)r!["taskId"] == "read")!["outputs"]!["value"]);
        // A file the second child left unchanged is not stored again: its URI is still the first child's.
        var write = (string)runs.Single(r => (string?)r!["taskId"] == "write")!["id"]!;
        var rewrite = (string)runs.Single(r => (string?)r!["taskId"] == "rewrite")!["id"]!;
        Assert.Contains(write, (string?)files["data.csv"], StringComparison.Ordinal);
        Assert.Contains(rewrite, (string?)files["nested/report.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_of_a_working_directory_is_restored_in_the_next_execution()
    {
        await server.CreateFlowAsync("""
            id: directory_cache
            namespace: tests.workingdir
            tasks:
              - id: dir
                type: io.kestra.plugin.core.flow.WorkingDirectory
                cache:
                  patterns:
                    - deps/**
                  ttl: PT1H
                tasks:
                  - id: install
                    type: io.kestra.plugin.scripts.shell.Commands
                    commands:
                      - if [ -f deps/lib.txt ]; then echo '::{"outputs":{"hit":"yes"}}::'; else mkdir -p deps && echo lib > deps/lib.txt && echo other > other.txt && echo '::{"outputs":{"hit":"no"}}::'; fi
                      - if [ -f other.txt ]; then echo '::{"outputs":{"other":"yes"}}::'; else echo '::{"outputs":{"other":"no"}}::'; fi
            """);

        static string Vars(JsonNode end, string key) =>
            (string)end["taskRunList"]!.AsArray().Single(r => (string?)r!["taskId"] == "install")!["outputs"]!["vars"]![key]!;

        var first = await server.ExecuteAsync("tests.workingdir", "directory_cache");
        var second = await server.ExecuteAsync("tests.workingdir", "directory_cache");

        Assert.Equal("SUCCESS", (string?)first["state"]!["current"]);
        Assert.Equal("no", Vars(first, "hit"));
        Assert.Equal("yes", Vars(second, "hit"));
        Assert.Equal("no", Vars(second, "other")); // only the files matching the patterns are cached
    }

    [Fact]
    public async Task Children_share_one_directory_per_working_directory_run_and_it_is_removed_at_the_end()
    {
        await server.CreateFlowAsync("""
            id: shared_directory
            namespace: tests.workingdir
            tasks:
              - id: seed
                type: io.kestra.plugin.core.storage.LocalFiles
                inputs:
                  seed.txt: seeded
                outputs:
                  - seed.txt
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: '["a", "b"]'
                concurrencyLimit: 0
                tasks:
                  - id: dir
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    inputFiles:
                      from-storage.txt: "{{ outputs.seed.uris['seed.txt'] }}"
                      inline.txt: "inline {{ taskrun.value }}"
                    tasks:
                      - id: write
                        type: io.kestra.plugin.core.storage.LocalFiles
                        inputs:
                          nested/value.txt: "{{ taskrun.value }}"
                      - id: read
                        type: io.kestra.plugin.core.storage.LocalFiles
                        outputs:
                          - "**.txt"
              - id: outside
                type: io.kestra.plugin.core.storage.LocalFiles
                outputs:
                  - "**"
            """);

        var end = await server.ExecuteAsync("tests.workingdir", "shared_directory");

        Assert.Equal("SUCCESS", (string?)end["state"]!["current"]);
        var id = (string)end["id"]!;
        var runs = end["taskRunList"]!.AsArray();
        foreach (var value in new[] { "a", "b" })
        {
            var dir = (string?)runs.Single(r => (string?)r!["taskId"] == "dir" && (string?)r!["value"] == value)!["id"];
            var uris = runs.Single(r => (string?)r!["taskId"] == "read" && (string?)r!["parentTaskRunId"] == dir)!["outputs"]!["uris"]!.AsObject();
            Assert.Equal(["from-storage.txt", "inline.txt", "nested/value.txt"], uris.Select(u => u.Key).Order(StringComparer.Ordinal));
            Assert.Equal(value, await DownloadAsync(id, (string)uris["nested/value.txt"]!));
            Assert.Equal($"inline {value}", await DownloadAsync(id, (string)uris["inline.txt"]!));
            Assert.Equal("seeded", await DownloadAsync(id, (string)uris["from-storage.txt"]!));
        }

        // A task outside the WorkingDirectory works in a directory of its own: it sees none of those files.
        Assert.Empty(runs.Single(r => (string?)r!["taskId"] == "outside")!["outputs"]!["uris"]!.AsObject());

        var root = Path.Combine(server.DataDir, "tmp", "working-directories");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(!Directory.Exists(root) || !Directory.EnumerateFileSystemEntries(root).Any(), "the working directories are removed once their task runs end");
    }

    private async Task<string> DownloadAsync(string executionId, string uri)
    {
        var response = await server.Client.GetAsync($"api/v1/executions/{executionId}/file?path={Uri.EscapeDataString(uri)}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
