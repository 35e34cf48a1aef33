using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance;

/// <summary>
/// Kestra's own test flows (parse.json: must be accepted; invalids/refused.json: must be refused). The shared corpus
/// at ../shared/conformance/kestra-tests next to the repository is used when present (it grows over time);
/// otherwise the copy committed under tests/conformance/kestra-tests.
/// </summary>
public static class KestraTestsCorpus
{
    public static string Directory { get; } = Locate();

    /// <summary>Files of invalids/ with the reason Kestra refuses each.</summary>
    public static TheoryData<string, string> Refused()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Load("invalids/refused.json"))
        {
            data.Add((string)c["file"]!, (string)c["why"]!);
        }

        return data;
    }

    /// <summary>Flows of flows/ that must be accepted, with whether to delete them once accepted.</summary>
    public static TheoryData<string, string, string, bool> Parsed()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var c in Load("parse.json"))
        {
            data.Add((string)c["file"]!, (string)c["namespace"]!, (string)c["flowId"]!, (bool?)c["deleteAfterParse"] ?? false);
        }

        return data;
    }

    private static IEnumerable<JsonNode> Load(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!.AsArray().Select(c => c!);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Merlin.slnx")))
            {
                continue;
            }

            var shared = Path.Combine(dir.Parent?.FullName ?? "", "shared", "conformance", "kestra-tests");
            var committed = Path.Combine(dir.FullName, "tests", "conformance", "kestra-tests");
            return File.Exists(Path.Combine(shared, "parse.json")) ? shared
                : File.Exists(Path.Combine(committed, "parse.json")) ? committed
                : throw new InvalidOperationException($"Kestra's test corpus is neither at {shared} nor at {committed}");
        }

        throw new InvalidOperationException("the repository root (Merlin.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
