using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Outputs the <c>size</c> in bytes of an internal storage file.</summary>
[Plugin("io.kestra.plugin.core.storage.Size", "io.kestra.core.tasks.storages.Size")]
public sealed class StorageSize : RunnableTask
{
    [Required] public string Uri { get; init; } = "";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.RenderRequired(Uri, "uri");
        return TaskResult.Of(("size", await context.Files.SizeAsync(uri, cancellationToken)));
    }
}
