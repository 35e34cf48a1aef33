using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// The parts of the kestra-tests corpus that do not pass yet, each with its cause (<c>kestra-tests-pending.json</c>).
/// The list may only shrink: a pending entry that passes fails its test until it is removed.
/// </summary>
public sealed class KestraTestsPending
{
    public const string FileName = "kestra-tests-pending.json";

    private KestraTestsPending(IReadOnlyDictionary<string, string> cases, IReadOnlyDictionary<string, string> parse, IReadOnlyDictionary<string, string> invalids)
    {
        Cases = cases;
        Parse = parse;
        Invalids = invalids;
    }

    /// <summary>Case name → cause.</summary>
    public IReadOnlyDictionary<string, string> Cases { get; }

    /// <summary>File of parse.json → cause.</summary>
    public IReadOnlyDictionary<string, string> Parse { get; }

    /// <summary>File of invalids/refused.json → cause.</summary>
    public IReadOnlyDictionary<string, string> Invalids { get; }

    public static KestraTestsPending Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", "KestraTests", FileName)))!;
        return new KestraTestsPending(Section(document, "cases"), Section(document, "parse"), Section(document, "invalids"));
    }

    private static Dictionary<string, string> Section(JsonNode document, string name) =>
        document[name]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
}
