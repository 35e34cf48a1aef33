namespace Merlin.Core.Storage;

/// <summary>
/// Namespace files (Kestra's <c>/api/v1/namespaces/{namespace}/files</c>): a tree of files per namespace, kept in internal
/// storage under <c>kestra:///{namespace as folders}/_files/</c>. Paths are '/'-separated and relative to the namespace
/// (a leading '/' is allowed); a path with an empty, '.' or '..' component is refused (the API answers 422).
/// </summary>
public interface INamespaceFileStore
{
    /// <summary>The entries directly in <paramref name="directory"/> (null: the root), or all below it with <paramref name="recursive"/>.</summary>
    Task<IReadOnlyList<NamespaceFileEntry>> ListAsync(string @namespace, string? directory, bool recursive, CancellationToken cancellationToken);

    /// <summary>The file or directory at <paramref name="path"/>; null when there is none.</summary>
    Task<NamespaceFileEntry?> StatAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Opens a file; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Writes a file, replacing any previous one, and creates its parent directories.</summary>
    Task PutAsync(string @namespace, string path, Stream content, CancellationToken cancellationToken);

    Task CreateDirectoryAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Moves a file or directory; throws <see cref="FileNotFoundException"/> when <paramref name="from"/> does not exist.</summary>
    Task MoveAsync(string @namespace, string from, string to, CancellationToken cancellationToken);

    /// <summary>Deletes a file or a directory with everything below it; false when there was nothing.</summary>
    Task<bool> DeleteAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>The <c>kestra:///</c> URI of a namespace file (what <c>read()</c> and the file API of a task accept).</summary>
    string Uri(string @namespace, string path);
}
