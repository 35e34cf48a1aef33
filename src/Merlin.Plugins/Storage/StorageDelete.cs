using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Deletes an internal storage file; outputs <c>uri</c> and <c>deleted</c>.</summary>
[Plugin("io.kestra.plugin.core.storage.Delete", "io.kestra.core.tasks.storages.Delete")]
public sealed class StorageDelete : RunnableTask
{
    [Required] public string Uri { get; init; } = "";
    public bool ErrorOnMissing { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.RenderRequired(Uri, "uri");
        var deleted = await context.Files.DeleteAsync(uri, cancellationToken);
        if (!deleted && ErrorOnMissing)
        {
            throw new FileNotFoundException($"Unable to find file '{uri}'");
        }

        return TaskResult.Of(("uri", uri), ("deleted", deleted));
    }
}
