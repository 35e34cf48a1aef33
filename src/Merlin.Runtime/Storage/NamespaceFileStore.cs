using Merlin.Core.Storage;
using Merlin.Runtime.Errors;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Namespace files kept in internal storage under <c>kestra:///{namespace as folders}/_files/</c> (where
/// <see cref="Executions.ExecutionFileAccess"/> lets the namespace's executions read them). Every path component is
/// checked here, so nothing reaches the storage with '..', '.', an empty part, a backslash or a control character.
/// </summary>
public sealed class NamespaceFileStore(IFileStorage storage) : INamespaceFileStore
{
    public async Task<IReadOnlyList<NamespaceFileEntry>> ListAsync(string @namespace, string? directory, bool recursive, CancellationToken cancellationToken)
    {
        var segments = directory is null ? [] : Segments(directory, allowRoot: true);
        var prefix = Uri(@namespace, segments);
        var root = Uri(@namespace, []);
        var entries = await storage.ListAsync(prefix, cancellationToken);
        return entries
            .Select(e => ToEntry(e, root))
            .Where(e => recursive || !e.Path[(segments.Length == 0 ? 0 : string.Join('/', segments).Length + 1)..].Contains('/'))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<NamespaceFileEntry?> StatAsync(string @namespace, string path, CancellationToken cancellationToken)
    {
        var segments = Segments(path, allowRoot: true);
        if (segments.Length == 0)
        {
            var now = DateTimeOffset.UtcNow;
            return new NamespaceFileEntry("", true, 0, now, now);
        }

        // The parent's listing holds the entry with its dates; a namespace's tree is small enough to list.
        var parent = Uri(@namespace, segments[..^1]);
        var uri = Uri(@namespace, segments);
        var entry = (await storage.ListAsync(parent, cancellationToken)).FirstOrDefault(e => e.Uri == uri);
        return entry is null ? null : ToEntry(entry, Uri(@namespace, []));
    }

    public Task<Stream> OpenAsync(string @namespace, string path, CancellationToken cancellationToken) =>
        storage.GetAsync(Uri(@namespace, Segments(path, allowRoot: false)), cancellationToken);

    public Task PutAsync(string @namespace, string path, Stream content, CancellationToken cancellationToken) =>
        storage.PutAsync(Uri(@namespace, Segments(path, allowRoot: false)), content, cancellationToken);

    public Task CreateDirectoryAsync(string @namespace, string path, CancellationToken cancellationToken) =>
        storage.CreateDirectoryAsync(Uri(@namespace, Segments(path, allowRoot: false)), cancellationToken);

    public async Task MoveAsync(string @namespace, string from, string to, CancellationToken cancellationToken)
    {
        var source = Segments(from, allowRoot: false);
        var target = Segments(to, allowRoot: false);
        var sourceUri = Uri(@namespace, source);
        var entry = await StatAsync(@namespace, from, cancellationToken) ?? throw new FileNotFoundException($"No namespace file at {from}", from);
        if (!entry.IsDirectory)
        {
            await CopyAsync(sourceUri, Uri(@namespace, target), cancellationToken);
        }
        else
        {
            await storage.CreateDirectoryAsync(Uri(@namespace, target), cancellationToken);
            foreach (var child in await storage.ListAsync(sourceUri, cancellationToken))
            {
                var moved = Uri(@namespace, target) + child.Uri[sourceUri.Length..];
                await (child.IsDirectory ? storage.CreateDirectoryAsync(moved, cancellationToken) : CopyAsync(child.Uri, moved, cancellationToken));
            }
        }

        await storage.DeletePrefixAsync(sourceUri, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string @namespace, string path, CancellationToken cancellationToken)
    {
        var segments = Segments(path, allowRoot: false);
        if (await StatAsync(@namespace, path, cancellationToken) is null)
        {
            return false;
        }

        await storage.DeletePrefixAsync(Uri(@namespace, segments), cancellationToken);

        // As Kestra: parent folders left empty go too.
        for (var depth = segments.Length - 1; depth > 0; depth--)
        {
            var parent = Uri(@namespace, segments[..depth]);
            if ((await storage.ListAsync(parent, cancellationToken)).Count > 0)
            {
                break;
            }

            await storage.DeletePrefixAsync(parent, cancellationToken);
        }

        return true;
    }

    public string Uri(string @namespace, string path) => Uri(@namespace, Segments(path, allowRoot: false));

    /// <summary>The components of a namespace-relative path; a '/' at either end is allowed, anything that could escape is not.</summary>
    public static string[] Segments(string path, bool allowRoot)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0)
        {
            return allowRoot ? [] : throw new IllegalArgumentException("A namespace file path is required");
        }

        var segments = trimmed.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Any(c => c == '\\' || char.IsControl(c))))
        {
            throw new IllegalArgumentException($"Invalid namespace file path: {path}");
        }

        return segments;
    }

    private static string Uri(string @namespace, IEnumerable<string> segments)
    {
        if (string.IsNullOrEmpty(@namespace) || @namespace.Split('.').Any(p => p.Length == 0 || p.Contains('/') || p.Contains('\\')))
        {
            throw new IllegalArgumentException($"Invalid namespace: {@namespace}");
        }

        var path = string.Join('/', segments.Select(System.Uri.EscapeDataString));
        var folder = StoragePaths.NamespaceFilesPrefix(@namespace);
        return path.Length == 0 ? folder.TrimEnd('/') : folder + path;
    }

    private async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var content = await storage.GetAsync(from, cancellationToken);
        await storage.PutAsync(to, content, cancellationToken);
    }

    private static NamespaceFileEntry ToEntry(StoredEntry entry, string root) =>
        new(System.Uri.UnescapeDataString(entry.Uri[(root.Length + 1)..]), entry.IsDirectory, entry.Size, entry.Created, entry.LastModified);
}
