using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// The corpus' matchers: a plain value must be equal (numbers as numbers); an object whose keys all start with <c>~</c>
/// is a matcher (<c>~absent</c>, <c>~contains</c>, <c>~labelsInclude</c>...). Answers null when it holds, else why not.
/// </summary>
public static class JsonMatcher
{
    public static string? Match(JsonNode? expected, bool present, JsonNode? actual)
    {
        if (expected is JsonObject matcher && matcher.Count > 0 && matcher.All(p => p.Key.StartsWith('~')))
        {
            foreach (var (key, argument) in matcher)
            {
                if (MatchOne(key, argument, present, actual) is { } failure)
                {
                    return failure;
                }
            }

            return null;
        }

        if (!present)
        {
            return $"expected {Show(expected)}, but it is absent";
        }

        return AreEqual(expected, actual) ? null : $"expected {Show(expected)}, got {Show(actual)}";
    }

    public static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && AreEqual(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second));
            case (JsonValue x, JsonValue y):
                var kx = x.GetValueKind();
                var ky = y.GetValueKind();
                if (kx == JsonValueKind.Number && ky == JsonValueKind.Number)
                {
                    return Number(x) == Number(y);
                }

                return kx == ky && (kx is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null || (string?)x.ToString() == y.ToString());
            default:
                return false;
        }
    }

    public static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string? MatchOne(string key, JsonNode? argument, bool present, JsonNode? actual)
    {
        var absentOrNull = !present || actual is null || actual.GetValueKind() == JsonValueKind.Null;
        bool holds = key switch
        {
            "~absent" => (bool?)argument == false ? !absentOrNull : absentOrNull,
            "~notNull" => !absentOrNull,
            "~emptyOrAbsent" => absentOrNull || actual is JsonObject { Count: 0 } || actual is JsonArray { Count: 0 },
            "~contains" => Text(actual) is { } s && s.Contains((string)argument!, StringComparison.Ordinal),
            "~startsWith" => Text(actual) is { } s && s.StartsWith((string)argument!, StringComparison.Ordinal),
            "~regex" => Text(actual) is { } s && Regex.IsMatch(s, (string)argument!),
            "~ne" => !(present && AreEqual(argument, actual)),
            "~gt" => actual is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Number(v) > Number(argument!.AsValue()),
            "~size" => Size(actual) == (int)argument!,
            "~hasKey" => actual is JsonObject o && o.ContainsKey((string)argument!),
            "~statesInclude" => actual is JsonArray h && argument!.AsArray().All(s => h.Any(e => (string?)e?["state"] == (string?)s)),
            "~labelCount" => actual is JsonArray l && l.Count == (int)argument!,
            "~labelsInclude" => actual is JsonArray l && argument!.AsObject().All(p => HasLabel(l, p.Key, p.Value)),
            "~labelsExactly" => actual is JsonArray l && l.Count == argument!.AsObject().Count && argument.AsObject().All(p => HasLabel(l, p.Key, p.Value)),
            "~labelsPrefix" => actual is JsonArray l && IsPrefix(l, argument!.AsArray()),
            _ => throw new InvalidOperationException($"unknown matcher {key}"),
        };
        return holds ? null : $"{key} {Show(argument)} does not hold for {(present ? Show(actual) : "an absent value")}";
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string?)v : null;

    private static decimal Number(JsonValue value) => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Size(JsonNode? node) => node switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => ((string)v!).Length,
        _ => -1,
    };

    private static bool HasLabel(JsonArray labels, string key, JsonNode? value) =>
        labels.Any(l => (string?)l?["key"] == key && AreEqual(l?["value"], value));

    private static bool IsPrefix(JsonArray labels, JsonArray pairs) =>
        labels.Count >= pairs.Count
        && pairs.Select((pair, i) => (pair, i)).All(x => (string?)labels[x.i]?["key"] == (string?)x.pair![0] && AreEqual(labels[x.i]?["value"], x.pair[1]));
}
