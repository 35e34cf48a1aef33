using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// Kestra's own test flows with what its Java tests assert (<c>conformance/kestra-tests</c>, format in its README):
/// the flows to accept, the invalid flows to refuse and the execution cases, plus the list of those still pending.
/// </summary>
public static class KestraTestsCorpus
{
    public static string Directory { get; } = CorpusLocation.Find("kestra-tests", "cases.json");

    private static readonly Lazy<JsonNode> CasesDocument = new(() => Load("cases.json"));

    public static JsonObject Environment => CasesDocument.Value["environment"]!.AsObject();

    public static JsonArray CaseList => CasesDocument.Value["cases"]!.AsArray();

    public static JsonArray ParseList { get; } = Load("parse.json").AsArray();

    public static JsonArray RefusedList { get; } = Load(Path.Combine("invalids", "refused.json")).AsArray();

    public static KestraTestsPending Pending { get; } = KestraTestsPending.Load();

    public static JsonObject Case(string name) =>
        CaseList.Single(c => (string?)c!["name"] == name)!.AsObject();

    public static string FlowPath(string file) => Path.Combine(Directory, "flows", file);

    public static string InvalidPath(string file) => Path.Combine(Directory, "invalids", file);

    public static string ResourcePath(string file) => Path.Combine(Directory, "resources", file);

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, file)))!;
}
