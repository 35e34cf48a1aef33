using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Core.Storage;

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
        var storage = context.RequireService<IFileStorage>(this);
        var uri = context.RenderRequired(Uri, "uri");
        var deleted = await storage.DeleteAsync(uri, cancellationToken);
        if (!deleted && ErrorOnMissing)
        {
            throw new FileNotFoundException($"Unable to find file '{uri}'");
        }

        return TaskResult.Of(("uri", uri), ("deleted", deleted));
    }
}
