using System.Text;
using Merlin.Sdk.Files;
using Merlin.Sdk.Runs;

namespace Merlin.Plugins.Storage;

/// <summary>File handling shared by the storage tasks.</summary>
internal static class StorageFiles
{
    /// <summary>A temporary file deleted when closed.</summary>
    public static FileStream CreateTemp() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static string RandomName(string extension) => Guid.NewGuid().ToString("N") + extension;

    public static string Extension(string uri) => LineSplitter.Extension(uri);

    public static Task<List<string>> ReadLinesAsync(ITaskRunContext context, string uri, Encoding encoding, CancellationToken cancellationToken) =>
        LineSplitter.ReadLinesAsync(context, uri, cancellationToken, encoding);

    public static async Task<long> CountAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
