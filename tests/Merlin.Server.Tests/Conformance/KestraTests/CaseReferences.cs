using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// A case's references, replaced at the time a step runs: <c>$ref.path</c> (a whole value), <c>$ref.taskrun.&lt;taskId&gt;.id</c>,
/// <c>${ref.path}</c> inside a longer string, <c>$uniq</c>, and <c>{ref.path}</c> in an <c>http</c> path.
/// </summary>
public sealed partial class CaseReferences(IReadOnlyDictionary<string, JsonNode> remembered, string unique)
{
    public JsonNode? Replace(JsonNode? template) => template switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Replace).ToArray()),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => ReplaceString((string)value!),
        _ => template?.DeepClone(),
    };

    public string ReplaceText(string text) => Text(ReplaceString(text));

    /// <summary>Replaces <c>{ref.path}</c> in an API path.</summary>
    public string ReplaceInPath(string path) => BracedReference().Replace(path, m => Uri.EscapeDataString(Text(Resolve(m.Groups[1].Value))));

    private JsonNode? ReplaceString(string text)
    {
        if (WholeReference().Match(text) is { Success: true } whole && IsKnown(whole.Groups[1].Value))
        {
            return Resolve(text[1..])?.DeepClone();
        }

        return JsonValue.Create(DollarBracedReference().Replace(text, m => Text(Resolve(m.Groups[1].Value))));
    }

    private bool IsKnown(string reference)
    {
        var name = reference.Split('.')[0];
        return name == "uniq" || remembered.ContainsKey(name);
    }

    private JsonNode? Resolve(string reference)
    {
        var parts = JsonPaths.Split(reference);
        if (parts[0] == "uniq")
        {
            return JsonValue.Create(unique);
        }

        if (!remembered.TryGetValue(parts[0], out var execution))
        {
            throw new KestraCaseFailureException($"reference {reference}: no execution remembered as {parts[0]}");
        }

        JsonNode? root = execution;
        var rest = parts.Skip(1).ToList();
        if (rest.Count >= 2 && rest[0] == "taskrun")
        {
            root = execution["taskRunList"]?.AsArray().FirstOrDefault(r => (string?)r!["taskId"] == rest[1])
                   ?? throw new KestraCaseFailureException($"reference {reference}: no task run of {rest[1]}");
            rest = rest.Skip(2).ToList();
        }

        return JsonPaths.TryGet(root, rest, out var value) ? value : throw new KestraCaseFailureException($"reference {reference}: absent");
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)v! : node?.ToJsonString() ?? "null";

    [GeneratedRegex(@"^\$([A-Za-z_][\w-]*(?:\.\S*)?)$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex DollarBracedReference();

    [GeneratedRegex(@"\{([A-Za-z_][\w-]*\.[^}]+)\}")]
    private static partial Regex BracedReference();
}
