namespace Merlin.Sdk.Plugins;

/// <summary>A property that must be present in the YAML (Kestra's <c>@NotNull</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
