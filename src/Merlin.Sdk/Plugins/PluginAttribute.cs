using System.Reflection;

namespace Merlin.Sdk.Plugins;

/// <summary>
/// Declares the Kestra type name of a task, trigger or condition class, plus its old names.
/// The registry finds plugins by scanning for this attribute; there is no central switch.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PluginAttribute(string type, params string[] aliases) : Attribute
{
    public string Type { get; } = type;
    public IReadOnlyList<string> Aliases { get; } = aliases;

    /// <summary>The Kestra type name declared on <paramref name="type"/>, else its class name.</summary>
    public static string TypeNameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttribute<PluginAttribute>()?.Type ?? type.Name;
    }
}
