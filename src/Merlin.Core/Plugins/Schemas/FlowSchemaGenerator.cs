using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;

namespace Merlin.Core.Plugins.Schemas;

/// <summary>
/// Builds the JSON Schema (draft-07) of a flow from the flow model and every registered task, trigger and condition
/// class, so a new plugin type is described with no other change. Each plugin is a definition keyed by its Kestra type
/// name with <c>title</c>, <c>description</c> (from XML docs), its properties (camelCase, as the YAML binder reads
/// them), <c>required</c>, and the extensions <c>x-kind</c> (task, trigger, condition) and <c>x-flowable</c>.
/// <c>definitions.task</c>, <c>.trigger</c> and <c>.condition</c> are the unions. Served at
/// <c>/api/v1/plugins/schemas/flow</c> (the editor's autocompletion and documentation) and reusable for references.
/// </summary>
public sealed class FlowSchemaGenerator(PluginRegistry registry, PluginDocumentation documentation)
{
    private static readonly Dictionary<Type, string> Unions = new()
    {
        [typeof(TaskDefinition)] = "task",
        [typeof(TriggerDefinition)] = "trigger",
        [typeof(ConditionDefinition)] = "condition",
    };

    /// <summary>The whole schema: the flow's own properties at the root and every type under <c>definitions</c>.</summary>
    public JsonObject Generate()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var plugins = registry.Types.OrderBy(PluginRegistry.CanonicalName, StringComparer.Ordinal).ToList();
        foreach (var (baseType, union) in Unions)
        {
            var members = plugins.Where(baseType.IsAssignableFrom).Select(t => (JsonNode)Ref(PluginRegistry.CanonicalName(t))).ToArray();
            definitions[union] = new JsonObject { ["anyOf"] = new JsonArray(members) };
        }

        foreach (var plugin in plugins)
        {
            definitions[PluginRegistry.CanonicalName(plugin)] = PluginSchema(plugin, definitions);
        }

        var root = ObjectSchema(typeof(Flow), definitions);
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        root["title"] = "Flow";
        root["definitions"] = new JsonObject(definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        return root;
    }

    private JsonObject PluginSchema(Type plugin, IDictionary<string, JsonNode> definitions)
    {
        var schema = ObjectSchema(plugin, definitions);
        var attribute = plugin.GetCustomAttribute<PluginAttribute>();
        var names = new JsonArray([PluginRegistry.CanonicalName(plugin), .. (attribute?.Aliases ?? []).Select(a => (JsonNode)a)]);
        ((JsonObject)schema["properties"]!)["type"] = new JsonObject { ["type"] = "string", ["enum"] = names, ["default"] = PluginRegistry.CanonicalName(plugin) };
        schema["title"] = PluginRegistry.CanonicalName(plugin).Split('.')[^1]; // Kestra's short name (Log, If...)
        schema["x-kind"] = PluginRegistry.KindOf(plugin).ToString().ToLowerInvariant();
        schema["x-flowable"] = typeof(FlowableTask).IsAssignableFrom(plugin);
        return schema;
    }

    private JsonObject ObjectSchema(Type type, IDictionary<string, JsonNode> definitions)
    {
        var bindable = BindableType.Of(type);
        var properties = new JsonObject();
        var preferred = new[] { "id", "type" };
        foreach (var (name, property) in bindable.Properties
            .Where(p => p.Key == BindableType.YamlName(p.Value)) // aliases are accepted, not proposed
            .OrderBy(p => Array.IndexOf(preferred, p.Key) is var i and >= 0 ? i : preferred.Length))
        {
            var schema = PropertySchema(property.PropertyType, definitions);
            if (documentation.Summary(property) is { } text)
            {
                schema["description"] = text;
            }

            properties[name] = schema;
        }

        var schemaOfType = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        // [Required] for plugins; C# `required` members for the flow model (the parser checks those itself).
        var required = bindable.Properties.Values.Distinct()
            .Where(p => bindable.Required.Contains(p) || p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            .Select(p => (JsonNode)BindableType.YamlName(p)).ToArray();
        if (required.Length > 0)
        {
            schemaOfType["required"] = new JsonArray(required);
        }

        if (documentation.Summary(type) is { } summary)
        {
            schemaOfType["description"] = summary;
        }

        return schemaOfType;
    }

    private JsonObject PropertySchema(Type type, IDictionary<string, JsonNode> definitions)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Unions.TryGetValue(type, out var union))
        {
            return Ref(union);
        }

        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(int) || type == typeof(long)) return new JsonObject { ["type"] = "integer" };
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return new JsonObject { ["type"] = "number" };
        if (type == typeof(object)) return [];
        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()) };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = PropertySchema(valueType, definitions) };
        }

        if (ItemType(type) is { } itemType)
        {
            // Labels are written as a map or as a list of {key, value}, as Kestra accepts both.
            var array = new JsonObject { ["type"] = "array", ["items"] = PropertySchema(itemType, definitions) };
            return itemType == typeof(Label)
                ? new JsonObject { ["anyOf"] = new JsonArray(array, new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } }) }
                : array;
        }

        var key = type.FullName ?? type.Name;
        if (!definitions.ContainsKey(key))
        {
            definitions[key] = new JsonObject(); // placeholder first: a type may refer to itself
            definitions[key] = ObjectSchema(type, definitions);
        }

        return Ref(key);
    }

    private static JsonObject Ref(string definition) => new() { ["$ref"] = "#/definitions/" + definition };

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var k, var v] && k == typeof(string)
            && (typeof(IDictionary).IsAssignableFrom(type) || type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ? v : null;

    private static Type? ItemType(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(IEnumerable).IsAssignableFrom(type)
            ? item : null;
}
