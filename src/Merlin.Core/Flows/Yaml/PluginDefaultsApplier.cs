using Merlin.Core.Plugins;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// Applies a flow's <c>pluginDefaults</c> (and the deprecated <c>taskDefaults</c>) to every map node that has a
/// <c>type</c>, before binding, as Kestra does: a default matches when its type equals the node's type (aliases
/// resolved) or is a prefix of it; flow values win unless the default is <c>forced</c>; maps merge, lists concatenate.
/// </summary>
internal static class PluginDefaultsApplier
{
    private static readonly string[] Sections = ["pluginDefaults", "taskDefaults"];

    public static void Apply(YamlMappingNode root, PluginRegistry registry)
    {
        var defaults = Sections
            .Select(s => root.Children.TryGetValue(new YamlScalarNode(s), out var node) ? node as YamlSequenceNode : null)
            .Where(s => s is not null)
            .SelectMany(s => s!.Children.OfType<YamlMappingNode>())
            .Select(d => (Type: Scalar(d, "type"), Forced: Scalar(d, "forced") == "true", Values: Child(d, "values") as YamlMappingNode))
            .Where(d => d.Type is not null && d.Values is not null)
            .ToList();
        if (defaults.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in root.Children)
        {
            if (!Sections.Contains(YamlValues.KeyOf(key)))
            {
                Visit(value, node =>
                {
                    var type = Canonical(Scalar(node, "type")!, registry);
                    foreach (var d in defaults.Where(d => type.StartsWith(Canonical(d.Type!, registry), StringComparison.OrdinalIgnoreCase)))
                    {
                        Merge(node, d.Values!, d.Forced);
                    }
                });
            }
        }
    }

    private static void Visit(YamlNode node, Action<YamlMappingNode> onTyped)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (Scalar(map, "type") is not null)
                {
                    onTyped(map);
                }

                foreach (var child in map.Children.Values.ToList())
                {
                    Visit(child, onTyped);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Visit(child, onTyped);
                }

                break;
        }
    }

    private static void Merge(YamlMappingNode target, YamlMappingNode defaults, bool forced)
    {
        foreach (var (key, value) in defaults.Children)
        {
            if (!target.Children.TryGetValue(key, out var existing))
            {
                target.Children[key] = value;
            }
            else if (existing is YamlMappingNode existingMap && value is YamlMappingNode valueMap)
            {
                Merge(existingMap, valueMap, forced);
            }
            else if (existing is YamlSequenceNode existingList && value is YamlSequenceNode valueList)
            {
                target.Children[key] = new YamlSequenceNode(valueList.Children.Concat(existingList.Children));
            }
            else if (forced)
            {
                target.Children[key] = value;
            }
        }
    }

    private static string Canonical(string type, PluginRegistry registry) =>
        registry.Find(type, typeof(object)) is { } t ? PluginRegistry.CanonicalName(t) : type;

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;
}
