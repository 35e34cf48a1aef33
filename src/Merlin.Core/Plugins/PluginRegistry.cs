using System.Collections.Frozen;
using System.Reflection;
using Merlin.Core.Flows;

namespace Merlin.Core.Plugins;

/// <summary>
/// Maps every Kestra type name and alias (case-insensitively) to the class that implements it.
/// Built once from the assemblies that hold plugins.
/// </summary>
public sealed class PluginRegistry
{
    private readonly FrozenDictionary<string, Type> _byName;

    public PluginRegistry(IEnumerable<Assembly> assemblies)
    {
        var map = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            var attribute = type.GetCustomAttribute<PluginAttribute>();
            if (attribute is null || type.IsAbstract)
            {
                continue;
            }

            map[attribute.Type] = type;
            foreach (var alias in attribute.Aliases)
            {
                map[alias] = type;
            }
        }

        _byName = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A registry over Merlin.Core plus the given plugin assemblies.</summary>
    public static PluginRegistry Create(params Assembly[] pluginAssemblies) =>
        new([typeof(PluginRegistry).Assembly, .. pluginAssemblies]);

    public IEnumerable<Type> Types => _byName.Values.Distinct();

    /// <summary>Finds the class for a type name of the given kind (its base class).</summary>
    public Type? Find(string typeName, Type baseType) =>
        _byName.TryGetValue(typeName, out var type) && baseType.IsAssignableFrom(type) ? type : null;

    /// <summary>Every name (canonical and aliases) of the types of a kind, for suggestions.</summary>
    public IEnumerable<string> NamesOf(Type baseType) =>
        _byName.Where(e => baseType.IsAssignableFrom(e.Value)).Select(e => e.Key);

    public static string CanonicalName(Type type) => PluginAttribute.TypeNameOf(type);

    public static PluginKind KindOf(Type type) =>
        typeof(TriggerDefinition).IsAssignableFrom(type) ? PluginKind.Trigger
        : typeof(ConditionDefinition).IsAssignableFrom(type) ? PluginKind.Condition
        : PluginKind.Task;
}
