using System.Globalization;
using System.Text.Json.Nodes;

namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>
/// The corpus' dotted paths: <c>outputs.values.count</c>, a number indexes a list (<c>attempts.0.state.current</c>),
/// <c>['key.with.dots']</c> names a key that contains dots.
/// </summary>
public static class JsonPaths
{
    public static IReadOnlyList<string> Split(string path)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                continue;
            }

            if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is '\'' or '"')
            {
                var quote = path[i + 1];
                var end = path.IndexOf(quote, i + 2);
                parts.Add(path[(i + 2)..end]);
                i = path.IndexOf(']', end) + 1;
                continue;
            }

            var next = path.IndexOfAny(['.', '['], i);
            next = next < 0 ? path.Length : next;
            parts.Add(path[i..next]);
            i = next;
        }

        return parts;
    }

    /// <summary>The value at <paramref name="path"/>; false when a segment is absent (a JSON null is present).</summary>
    public static bool TryGet(JsonNode? root, string path, out JsonNode? value) => TryGet(root, Split(path), out value);

    public static bool TryGet(JsonNode? root, IEnumerable<string> parts, out JsonNode? value)
    {
        value = root;
        foreach (var part in parts)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(part, out var child):
                    value = child;
                    break;
                case JsonArray list when int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                                         && (index < 0 ? list.Count + index : index) is var at && at >= 0 && at < list.Count:
                    value = list[at];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }
}
