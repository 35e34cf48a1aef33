using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Core.Tasks;

/// <summary>Runs its runnable children in order in one shared temporary directory.</summary>
[Plugin("io.kestra.plugin.core.flow.WorkingDirectory", "io.kestra.core.tasks.flows.WorkingDirectory", "io.kestra.core.tasks.flows.Worker")]
public sealed class WorkingDirectory : FlowableTask, IValidatableTask
{
    [Required] public List<TaskDefinition> Tasks { get; init; } = [];
    public object? InputFiles { get; init; }
    public List<string>? OutputFiles { get; init; }
    public NamespaceFilesOptions? NamespaceFiles { get; init; }
    public WorkingDirectoryCache? Cache { get; init; }

    public override IEnumerable<TaskDefinition> AllChildren() => Tasks;

    public IEnumerable<string> Validate() => Tasks.Where(t => t is not RunnableTask).Select(t =>
        $"Only runnable tasks are allowed as children of a WorkingDirectory task, '{t.Id}' ({t.Type}) is not");
}
