using System.Text;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>Writes the lines of a file in reverse order, each followed by <see cref="Separator"/>; outputs <c>uri</c>.</summary>
[Plugin("io.kestra.plugin.core.storage.Reverse", "io.kestra.core.tasks.storages.Reverse")]
public sealed class StorageReverse : RunnableTask
{
    [Required] public string From { get; init; } = "";
    public string Separator { get; init; } = "\n";
    public string Charset { get; init; } = "UTF-8";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = context.RenderRequired(From, "from");
        var separator = context.Render(Separator) ?? "";
        var encoding = Encoding.GetEncoding(context.RenderRequired(Charset, "charset"));
        var lines = await StorageFiles.ReadLinesAsync(context, from, encoding, cancellationToken);
        lines.Reverse();
        await using var output = StorageFiles.CreateTemp();
        foreach (var line in lines)
        {
            await output.WriteAsync(encoding.GetBytes(line + separator), cancellationToken);
        }

        output.Position = 0;
        var uri = await context.Files.PutAsync(StorageFiles.RandomName(StorageFiles.Extension(from)), output, cancellationToken);
        return TaskResult.Of(("uri", uri));
    }
}
