namespace Merlin.Sdk.Plugins;

/// <summary>An extra YAML key accepted for a property (Kestra's deprecated spellings, e.g. input <c>name</c> for <c>id</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public sealed class YamlNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
