using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Executions;

/// <summary>A WorkingDirectory's children share one local directory, its own per task run, removed once it ends.</summary>
[Collection(ServerCollection.Name)]
public sealed class WorkingDirectoryApiTests(MerlinServer server)
{
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
