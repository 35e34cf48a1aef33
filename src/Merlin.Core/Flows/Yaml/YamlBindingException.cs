namespace Merlin.Core.Flows.Yaml;

/// <summary>A YAML node that does not fit the property it is bound to.</summary>
public sealed class YamlBindingException(string path, string message, SourcePosition position) : Exception(message)
{
    public string Path { get; } = path;
    public SourcePosition Position { get; } = position;
}
