namespace Merlin.Sdk.Runs;

/// <summary>
/// Namespace files (Kestra's namespace file tree): '/'-separated paths relative to the namespace (a leading '/' is allowed);
/// a path with an empty, '.' or '..' component is refused.
/// </summary>
public interface ITaskNamespaceFiles
{
    /// <summary>The entries directly in <paramref name="directory"/> (null: the root), or all below it with <paramref name="recursive"/>.</summary>
    Task<IReadOnlyList<NamespaceFileEntry>> ListAsync(string @namespace, string? directory, bool recursive, CancellationToken cancellationToken);

    /// <summary>The file or directory at <paramref name="path"/>; null when there is none.</summary>
    Task<NamespaceFileEntry?> StatAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Opens a file; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Writes a file, replacing any previous one, and creates its parent directories.</summary>
    Task PutAsync(string @namespace, string path, Stream content, CancellationToken cancellationToken);

    /// <summary>Deletes a file or a directory with everything below it; false when there was nothing.</summary>
    Task<bool> DeleteAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>The <c>kestra:///</c> URI of a namespace file (what <c>read()</c> and <see cref="ITaskFiles"/> accept).</summary>
    string Uri(string @namespace, string path);
}
