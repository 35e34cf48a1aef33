using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Merlin.Core.Plugins;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// Binds YAML nodes to flow model classes strictly, as Kestra's Jackson mapper does: an unknown
/// property is an error, a required one must be present, and <c>type</c> selects the plugin class.
/// </summary>
public sealed class NodeBinder(PluginRegistry registry)
{
    private static readonly ConcurrentDictionary<Type, BindableType> Types = new();

    public T Bind<T>(YamlNode node, string path) => (T)Bind(node, typeof(T), path)!;

    public object? Bind(YamlNode node, Type target, string path)
    {
        var nullable = Nullable.GetUnderlyingType(target);
        if (nullable is not null)
        {
            return IsNull(node) ? null : Bind(node, nullable, path);
        }

        if (target == typeof(object))
        {
            return YamlValues.ToPlain(node);
        }

        if (IsNull(node) && !target.IsValueType)
        {
            return null;
        }

        if (target == typeof(string))
        {
            return ScalarText(node, path, "a string");
        }

        if (target == typeof(SourcePosition))
        {
            return YamlValues.PositionOf(node);
        }

        if (target.IsPrimitive || target.IsEnum || target == typeof(decimal))
        {
            return ConvertScalar(node, target, path);
        }

        if (target == typeof(Label))
        {
            throw Error(node, path, "a label must be a map entry or {key, value}");
        }

        if (TryCollection(node, target, path, out var collection))
        {
            return collection;
        }

        return BindObject(node, target, path);
    }

    private object? BindObject(YamlNode node, Type target, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, $"expected an object for {Describe(target)}");
        }

        var concrete = target;
        if (target.IsAbstract)
        {
            var typeName = mapping.Children.TryGetValue(new YamlScalarNode("type"), out var t) ? (t as YamlScalarNode)?.Value : null;
            if (string.IsNullOrEmpty(typeName))
            {
                throw Error(node, path + ".type", "missing required property 'type'");
            }

            concrete = registry.Find(typeName, target)
                ?? throw Error(t!, path + ".type", TypeSuggestions.Explain(typeName, registry.NamesOf(target)));
        }

        var bindable = Types.GetOrAdd(concrete, BindableType.Of);
        var instance = Activator.CreateInstance(concrete)
            ?? throw Error(node, path, $"cannot create {concrete.Name}");
        var seen = new HashSet<PropertyInfo>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = YamlValues.KeyOf(keyNode);
            if (!bindable.Properties.TryGetValue(key, out var property))
            {
                if (bindable.Ignored.Contains(key))
                {
                    continue;
                }

                throw Error(keyNode, $"{path}.{key}", $"Unrecognized field \"{key}\"");
            }

            // `key: null` on a non-nullable property is an absent property: its default stays, a required one is reported below.
            if (IsNull(valueNode) && bindable.NotNull.Contains(property))
            {
                continue;
            }

            property.SetValue(instance, Bind(valueNode, property.PropertyType, $"{path}.{key}"));
            seen.Add(property);
        }

        foreach (var required in bindable.Required.Where(p => !seen.Contains(p)))
        {
            throw Error(node, $"{path}.{BindableType.YamlName(required)}", "must not be null");
        }

        bindable.Position?.SetValue(instance, YamlValues.PositionOf(node));
        return instance;
    }

    private bool TryCollection(YamlNode node, Type target, string path, out object? result)
    {
        result = null;
        var dictionaryOf = DictionaryValueType(target);
        if (dictionaryOf is not null)
        {
            if (node is not YamlMappingNode map)
            {
                throw Error(node, path, "expected a map");
            }

            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), dictionaryOf))!;
            foreach (var (k, v) in map.Children)
            {
                var key = YamlValues.KeyOf(k);
                dictionary[key] = Bind(NotNull(v, dictionaryOf, $"{path}.{key}"), dictionaryOf, $"{path}.{key}");
            }

            result = dictionary;
            return true;
        }

        var itemType = ListItemType(target);
        if (itemType is null)
        {
            return false;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        if (itemType == typeof(Label) && node is YamlMappingNode labelMap)
        {
            foreach (var (k, v) in labelMap.Children)
            {
                list.Add(new Label(YamlValues.KeyOf(k), ScalarText(v, $"{path}.{YamlValues.KeyOf(k)}", "a string")));
            }

            result = list;
            return true;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, path, "expected a list");
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = NotNull(sequence.Children[i], itemType, $"{path}[{i}]");
            list.Add(itemType == typeof(Label) ? BindLabel(item, $"{path}[{i}]") : Bind(item, itemType, $"{path}[{i}]"));
        }

        result = list;
        return true;
    }

    private static Label BindLabel(YamlNode node, string path)
    {
        if (node is YamlMappingNode m
            && m.Children.TryGetValue(new YamlScalarNode("key"), out var k)
            && m.Children.TryGetValue(new YamlScalarNode("value"), out var v)
            && m.Children.Count == 2)
        {
            return new Label(ScalarText(k, path + ".key", "a string"), ScalarText(v, path + ".value", "a string"));
        }

        throw Error(node, path, "a label must be {key, value}");
    }

    private static string ScalarText(YamlNode node, string path, string expected) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, path, $"expected {expected}");

    private static object ConvertScalar(YamlNode node, Type target, string path)
    {
        var text = ScalarText(node, path, Describe(target));
        try
        {
            if (target.IsEnum)
            {
                return Enum.Parse(target, text, ignoreCase: true);
            }

            if (target == typeof(bool) && !bool.TryParse(text, out _))
            {
                throw new FormatException();
            }

            return Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            var allowed = target.IsEnum ? $" (one of {string.Join(", ", Enum.GetNames(target))})" : "";
            throw Error(node, path, $"cannot convert '{text}' to {Describe(target)}{allowed}");
        }
    }

    /// <summary>A list item or map value bound to a model type (a task, an input...) may not be null; plain values may.</summary>
    private static YamlNode NotNull(YamlNode node, Type target, string path) =>
        IsNull(node) && target != typeof(object) && Nullable.GetUnderlyingType(target) is null ? throw Error(node, path, "must not be null") : node;

    private static bool IsNull(YamlNode node) => node is YamlScalarNode s && YamlValues.Scalar(s) is null && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static Type? DictionaryValueType(Type t) =>
        t.IsGenericType && t.GetGenericArguments() is [var k, var v] && k == typeof(string)
        && (t.GetGenericTypeDefinition() == typeof(Dictionary<,>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || t.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ? v : null;

    private static Type? ListItemType(Type t) =>
        t.IsGenericType && t.GetGenericArguments() is [var item]
        && (t.GetGenericTypeDefinition() == typeof(List<>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || t.GetGenericTypeDefinition() == typeof(IList<>) || t.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ? item : null;

    private static string Describe(Type t) => t.IsEnum ? t.Name : t.Name.ToLowerInvariant() switch
    {
        "int32" or "int64" => "an integer",
        "double" or "single" or "decimal" => "a number",
        "boolean" => "a boolean",
        var other => other,
    };

    private static YamlBindingException Error(YamlNode node, string path, string message) =>
        new(path, message, YamlValues.PositionOf(node));
}
