using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Filters the items of an ION file with <c>filterCondition</c>; outputs <c>uri</c>, <c>processedItemsTotal</c>, <c>droppedItemsTotal</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.storage.FilterItems", "io.kestra.core.tasks.storages.FilterItems")]
public sealed class FilterItems : RunnableTask
{
    [Required] public string From { get; init; } = "";
    [Required] public string FilterCondition { get; init; } = "";
    public FilterType FilterType { get; init; } = FilterType.INCLUDE;
    public ErrorOrNullBehavior ErrorOrNullBehavior { get; init; } = ErrorOrNullBehavior.FAIL;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
