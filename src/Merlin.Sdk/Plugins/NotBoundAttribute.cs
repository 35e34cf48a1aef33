namespace Merlin.Sdk.Plugins;

/// <summary>A property set by the server, never read from YAML.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotBoundAttribute : Attribute;
