using System.Reflection;
using Merlin.Core.Plugins;

namespace Merlin.Core.Flows.Yaml;

/// <summary>The YAML view of a model class: its settable properties by camelCase name (and aliases).</summary>
internal sealed class BindableType
{
    public required Dictionary<string, PropertyInfo> Properties { get; init; }
    public required IReadOnlyList<PropertyInfo> Required { get; init; }

    /// <summary>Reference-typed properties declared non-nullable: a YAML <c>null</c> never reaches them.</summary>
    public required IReadOnlySet<PropertyInfo> NotNull { get; init; }
    public required IReadOnlySet<string> Ignored { get; init; }
    public PropertyInfo? Position { get; init; }

    public static BindableType Of(Type type)
    {
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        PropertyInfo? position = null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(SourcePosition))
            {
                position = property;
                continue;
            }

            if (property.GetCustomAttribute<NotBoundAttribute>() is not null)
            {
                ignored.Add(YamlName(property));
                continue;
            }

            properties[YamlName(property)] = property;
            foreach (var alias in property.GetCustomAttributes<YamlNameAttribute>())
            {
                properties[alias.Name] = property;
            }
        }

        // Kestra strips a `revision: N` line from sources; `deleted` is server-side state.
        return new BindableType
        {
            Properties = properties,
            Required = properties.Values.Distinct().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null).ToList(),
            NotNull = properties.Values.Where(p => !p.PropertyType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.NotNull).ToHashSet(),
            Ignored = ignored,
            Position = position,
        };
    }

    public static string YamlName(PropertyInfo property) =>
        char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}
