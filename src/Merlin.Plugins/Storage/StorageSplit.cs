using System.Globalization;
using Merlin.Sdk.Files;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;

namespace Merlin.Plugins.Storage;

/// <summary>
/// Splits a file by lines into several files: at most <see cref="Bytes"/> per file (e.g. <c>10MB</c>), into
/// <see cref="Partitions"/> files (lines dealt round-robin), or <see cref="Rows"/> lines per file. Outputs <c>uris</c>.
/// </summary>
[Plugin("io.kestra.plugin.core.storage.Split", "io.kestra.core.tasks.storages.Split")]
public sealed class StorageSplit : RunnableTask
{
    [Required] public string From { get; init; } = "";
    public string? Bytes { get; init; }

    /// <summary>A number or an expression giving one.</summary>
    public string? Partitions { get; init; }

    /// <summary>A number or an expression giving one.</summary>
    public string? Rows { get; init; }
    public string Separator { get; init; } = "\n";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = context.RenderRequired(From, "from");
        var separator = context.Render(Separator) ?? "";
        long? bytes = Bytes is null ? null : DataSize.Parse(context.RenderRequired(Bytes, "bytes"));
        int? partitions = Partitions is null ? null : Number(context, Partitions, "partitions");
        int? rows = Rows is null ? null : Number(context, Rows, "rows");
        var uris = await LineSplitter.SplitAsync(context, from, bytes, partitions, rows, separator, cancellationToken);
        return TaskResult.Of(("uris", uris));
    }

    private static int Number(ITaskRunContext context, string template, string property) =>
        int.TryParse(context.Render(template), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"'{property}' must be a positive integer");
}
