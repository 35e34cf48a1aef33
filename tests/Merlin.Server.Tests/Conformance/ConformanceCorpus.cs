using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance;

/// <summary>
/// Kestra's own test flows with their expected outcomes. The shared corpus next to the checkout is used when
/// present (it grows over time); otherwise the copy committed under tests/conformance.
/// </summary>
public static class ConformanceCorpus
{
    public static string Directory { get; } = Locate();

    public static IEnumerable<object[]> Cases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")))!.AsArray()
            .Select(c => new object[] { (string)c!["file"]! });

    public static JsonNode Case(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")))!.AsArray().First(c => (string?)c!["file"] == file)!;

    public static IEnumerable<string> FlowFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Order(StringComparer.Ordinal);

    private static string Locate() => CorpusLocation.Find("kestra-flows", "expected.json");
}
