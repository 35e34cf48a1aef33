using System.Net;
using System.Text.Json.Nodes;
using Merlin.Server.Tests.Infrastructure;
using Merlin.Testing;

namespace Merlin.Server.Tests.Conformance;

/// <summary>Runs every case of the conformance corpus through the HTTP API and compares state, task-run count and outputs.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConformanceTests(MerlinServer server)
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_matches_kestra(string file)
    {
        var expected = ConformanceCorpus.Case(file);
        foreach (var need in expected["needs"]?.AsArray().Select(n => (string)n!) ?? [])
        {
            await CreateAsync(need);
        }

        await CreateAsync(file);
        var inputs = expected["inputs"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString());
        var started = await server.ExecuteAsync((string)expected["namespace"]!, (string)expected["flowId"]!, inputs ?? [], query: "");
        var execution = await server.WaitEndAsync((string)started["id"]!);

        var expect = expected["expect"]!;
        Assert.Equal((string?)expect["state"], (string?)execution["state"]!["current"]);
        var taskRuns = execution["taskRunList"]?.AsArray() ?? [];
        if (expect["taskRunCount"] is { } count)
        {
            Assert.Equal((int)count, taskRuns.Count);
        }

        foreach (var (path, value) in expect["outputs"]?.AsObject() ?? [])
        {
            var parts = path.Split('.');
            var run = taskRuns.Last(r => (string?)r!["taskId"] == parts[0]);
            JsonNode? actual = run!["outputs"];
            foreach (var key in parts.Skip(1))
            {
                actual = actual?[key];
            }

            Assert.True(JsonNode.DeepEquals(value, actual), $"{path}: expected {value?.ToJsonString()}, got {actual?.ToJsonString()}");
        }
    }

    [Fact]
    public void Every_corpus_flow_file_parses()
    {
        var parser = new Core.Flows.Yaml.FlowParser(Core.Plugins.PluginRegistry.Create(typeof(global::Merlin.Plugins.PluginsAssembly).Assembly));
        foreach (var file in ConformanceCorpus.FlowFiles())
        {
            var flow = parser.Parse(File.ReadAllText(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), $"{flow.Namespace}.{flow.Id}");
        }
    }

    public static IEnumerable<object[]> Cases() => ConformanceCorpus.Cases();

    private async Task CreateAsync(string file)
    {
        var response = await server.PostYamlAsync("api/v1/flows", await File.ReadAllTextAsync(Path.Combine(ConformanceCorpus.Directory, file)));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict,
            $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
