using Merlin.Sdk.Plugins;

namespace Merlin.Sdk.Tasks;

/// <summary>
/// A task as written in a flow: the properties every task shares. Concrete task types add their own
/// properties; string properties stay unrendered here and are rendered when the task runs.
/// </summary>
public abstract class TaskDefinition
{
    [Required] public string Id { get; init; } = "";
    [Required] public string Type { get; init; } = "";
    public string? Description { get; init; }
    public bool Disabled { get; init; }
    public bool AllowFailure { get; init; }
    public bool AllowWarning { get; init; }
    public string? RunIf { get; init; }
    public string? Timeout { get; init; }
    public RetryPolicy? Retry { get; init; }
    public string? LogLevel { get; init; }
    public bool LogToFile { get; init; }
    public object? WorkerGroup { get; init; }

    /// <summary>The YAML position of this task, for error messages.</summary>
    [NotBound] public SourcePosition Position { get; init; }
}
