using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>A trigger as written in a flow (Schedule, Flow, Webhook...).</summary>
public abstract class TriggerDefinition
{
    [Required] public string Id { get; init; } = "";
    [Required] public string Type { get; init; } = "";
    public string? Description { get; init; }
    public List<ConditionDefinition>? Conditions { get; init; }
    public bool Disabled { get; init; }
    public object? Labels { get; init; }
    public List<string>? StopAfter { get; init; }
    public string? LogLevel { get; init; }
    public bool LogToFile { get; init; }
    public object? WorkerGroup { get; init; }
    [NotBound] public SourcePosition Position { get; init; }
}
