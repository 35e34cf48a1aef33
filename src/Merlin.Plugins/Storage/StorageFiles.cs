using System.Text;
using Merlin.Core.Flows;

namespace Merlin.Plugins.Storage;

/// <summary>File handling shared by the storage tasks.</summary>
internal static class StorageFiles
{
    /// <summary>A temporary file deleted when closed.</summary>
    public static FileStream CreateTemp() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static string RandomName(string extension) => Guid.NewGuid().ToString("N") + extension;

    /// <summary>The extension of a URI's last path segment (from its last dot), <c>.tmp</c> when none.</summary>
    public static string Extension(string uri)
    {
        var segment = uri[(uri.LastIndexOf('/') + 1)..];
        var dot = segment.LastIndexOf('.');
        return dot >= 0 ? segment[dot..] : ".tmp";
    }

    /// <summary>Lines split on <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as Java's <c>readLine</c> does.</summary>
    public static async Task<List<string>> ReadLinesAsync(ITaskRunContext context, string uri, Encoding encoding, CancellationToken cancellationToken)
    {
        await using var stream = await context.OpenFileAsync(uri, cancellationToken);
        using var reader = new StreamReader(stream, encoding);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
