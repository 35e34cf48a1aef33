using System.Text;
using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Files;

/// <summary>
/// Kestra's <c>StorageService.split</c>: a file's lines into several files, at most <c>bytes</c> per file, into
/// <c>partitions</c> files (lines dealt round-robin, empty ones dropped) or <c>rows</c> lines per file; each line
/// written with the separator. Used by the Split and ForEachItem tasks, through the task's own file access.
/// </summary>
public static class LineSplitter
{
    public static async Task<List<string>> SplitAsync(ITaskRunContext context, string from, long? bytes, int? partitions, int? rows,
        string separator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(from);
        var lines = await ReadLinesAsync(context, from, cancellationToken);
        var chunks = bytes is { } max ? BySize(lines, separator, max)
            : partitions is { } p ? ByPartition(lines, p)
            : rows is { } r ? lines.Chunk(r).Select(c => c.ToList()).ToList()
            : throw new InvalidOperationException("Invalid configuration with no size, count, nor rows");

        var extension = Extension(from);
        var uris = new List<string>();
        foreach (var chunk in chunks.Where(c => c.Count > 0))
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(chunk.Select(l => l + separator))));
            uris.Add(await context.Files.PutAsync(Guid.NewGuid().ToString("N") + extension, content, cancellationToken));
        }

        return uris;
    }

    /// <summary>The extension of a URI's last path segment (from its last dot), <c>.tmp</c> when none.</summary>
    public static string Extension(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var segment = uri[(uri.LastIndexOf('/') + 1)..];
        var dot = segment.LastIndexOf('.');
        return dot >= 0 ? segment[dot..] : ".tmp";
    }

    /// <summary>Lines split on <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as Java's <c>readLine</c> does.</summary>
    public static async Task<List<string>> ReadLinesAsync(ITaskRunContext context, string uri, CancellationToken cancellationToken, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var stream = await context.Files.OpenAsync(uri, cancellationToken);
        using var reader = new StreamReader(stream, encoding ?? Encoding.UTF8);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

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
