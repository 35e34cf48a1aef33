using System.Globalization;
using System.Text;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

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
        var lines = await StorageFiles.ReadLinesAsync(context, from, Encoding.UTF8, cancellationToken);
        var chunks = Bytes is not null ? BySize(lines, separator, DataSize.Parse(context.RenderRequired(Bytes, "bytes")))
            : Partitions is not null ? ByPartition(lines, Number(context, Partitions, "partitions"))
            : Rows is not null ? ByRows(lines, Number(context, Rows, "rows"))
            : throw new InvalidOperationException("Invalid configuration with no size, count, nor rows");

        var extension = StorageFiles.Extension(from);
        var uris = new List<string>();
        foreach (var chunk in chunks.Where(c => c.Count > 0))
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(chunk.Select(l => l + separator))));
            uris.Add(await context.PutFileAsync(StorageFiles.RandomName(extension), content, cancellationToken));
        }

        return TaskResult.Of(("uris", uris));
    }

    private static int Number(ITaskRunContext context, string template, string property) =>
        int.TryParse(context.Render(template), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"'{property}' must be a positive integer");

    private static List<List<string>> BySize(List<string> lines, string separator, long maxBytes)
    {
        var chunks = new List<List<string>>();
        long bytes = 0;
        foreach (var line in lines)
        {
            // Like Kestra, a file is closed once it has reached the size, so a file may exceed it by one line.
            if (chunks.Count == 0 || bytes >= maxBytes)
            {
                chunks.Add([]);
                bytes = 0;
            }

            chunks[^1].Add(line);
            bytes += Encoding.UTF8.GetByteCount(line + separator);
        }

        return chunks;
    }

    private static List<List<string>> ByRows(List<string> lines, int rows) => lines.Chunk(rows).Select(c => c.ToList()).ToList();

    private static List<List<string>> ByPartition(List<string> lines, int partitions)
    {
        var chunks = Enumerable.Range(0, partitions).Select(_ => new List<string>()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            chunks[i % partitions].Add(lines[i]);
        }

        return chunks;
    }
}
