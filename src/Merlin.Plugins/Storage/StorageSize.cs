using Merlin.Core.Flows;
using Merlin.Core.Plugins;
using Merlin.Core.Storage;

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
        if (context.Services.GetService(typeof(IFileStorage)) is IFileStorage storage)
        {
            return TaskResult.Of(("size", await storage.SizeAsync(uri, cancellationToken)));
        }

        await using var stream = await context.OpenFileAsync(uri, cancellationToken);
        return TaskResult.Of(("size", await StorageFiles.CountAsync(stream, cancellationToken)));
    }
}
