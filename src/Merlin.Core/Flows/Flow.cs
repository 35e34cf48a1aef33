using Merlin.Core.Inputs;
using Merlin.Core.Plugins;

namespace Merlin.Core.Flows;

/// <summary>
/// A parsed flow revision. <see cref="Source"/> is the YAML exactly as the user sent it and
/// <see cref="Document"/> the same content as plain maps and lists, which the API returns as JSON.
/// </summary>
public sealed record Flow
{
    public required string Id { get; init; }
    public required string Namespace { get; init; }
    [NotBound] public int Revision { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public IReadOnlyList<InputDefinition> Inputs { get; init; } = [];
    public IReadOnlyDictionary<string, object?> Variables { get; init; } = new Dictionary<string, object?>();
    public required IReadOnlyList<TaskDefinition> Tasks { get; init; }
    public IReadOnlyList<TaskDefinition> Errors { get; init; } = [];
    public IReadOnlyList<TaskDefinition> Finally { get; init; } = [];
    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];
    public IReadOnlyList<PluginDefault> PluginDefaults { get; init; } = [];

    /// <summary>Deprecated spelling of <see cref="PluginDefaults"/>; applied the same way.</summary>
    public IReadOnlyList<PluginDefault> TaskDefaults { get; init; } = [];
    public IReadOnlyList<Listener> Listeners { get; init; } = [];
    public IReadOnlyList<SlaDefinition> Sla { get; init; } = [];
    public ConcurrencyLimit? Concurrency { get; init; }
    public IReadOnlyList<OutputDefinition> Outputs { get; init; } = [];
    public RetryPolicy? Retry { get; init; }
    public bool Disabled { get; init; }
    [NotBound] public bool Deleted { get; init; }
    [NotBound] public string Source { get; init; } = "";
    [NotBound] public DateTimeOffset? Updated { get; init; }
    [NotBound] public IReadOnlyDictionary<string, object?> Document { get; init; } = new Dictionary<string, object?>();

    /// <summary>Every task of the flow at any depth, errors, finally and listener tasks included.</summary>
    public IEnumerable<TaskDefinition> AllTasks() => Walk(Tasks.Concat(Errors).Concat(Finally).Concat(Listeners.SelectMany(l => l.Tasks)));

    public TaskDefinition? FindTask(string taskId) => AllTasks().FirstOrDefault(t => t.Id == taskId);

    private static IEnumerable<TaskDefinition> Walk(IEnumerable<TaskDefinition> tasks)
    {
        foreach (var task in tasks)
        {
            yield return task;
            if (task is FlowableTask flowable)
            {
                foreach (var child in Walk(flowable.AllChildren().Concat(flowable.Errors ?? [])))
                {
                    yield return child;
                }
            }
        }
    }
}
