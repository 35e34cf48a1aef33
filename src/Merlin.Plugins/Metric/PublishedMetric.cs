using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Metric;

/// <summary>
/// One metric of the Publish task: <c>type</c> <c>counter</c>, <c>timer</c> or <c>gauge</c>, a <c>name</c>, a <c>value</c>
/// (a number; for a timer an ISO-8601 duration such as <c>PT1.5S</c> or seconds) and <c>tags</c>; each rendered.
/// </summary>
public sealed class PublishedMetric
{
    [Required] public string Type { get; init; } = "";
    [Required] public string Name { get; init; } = "";
    [Required] public object? Value { get; init; }
    public Dictionary<string, object?>? Tags { get; init; }
}
