using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Keeps the last item of each key (ION file) by <c>expr</c>; outputs <c>uri</c>, <c>numKeys</c>, <c>processedItemsTotal</c>, <c>droppedItemsTotal</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.storage.DeduplicateItems", "io.kestra.core.tasks.storages.DeduplicateItems")]
public sealed class DeduplicateItems : RunnableTask
{
    [Required] public string From { get; init; } = "";
    [Required] public string Expr { get; init; } = "";

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
