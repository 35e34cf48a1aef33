namespace Merlin.Core.Storage;

/// <summary>
/// Namespace files (Kestra's <c>/api/v1/namespaces/{namespace}/files</c>): a tree of files per namespace, kept in internal
/// storage under <c>kestra:///{namespace as folders}/_files/</c>. Paths are '/'-separated and relative to the namespace
/// (a leading '/' is allowed); a path with an empty, '.' or '..' component is refused (the API answers 422). Tasks see
/// the part they need, the SDK's <see cref="ITaskNamespaceFiles"/>.
/// </summary>
public interface INamespaceFileStore : ITaskNamespaceFiles
{
    Task CreateDirectoryAsync(string @namespace, string path, CancellationToken cancellationToken);

    /// <summary>Moves a file or directory; throws <see cref="FileNotFoundException"/> when <paramref name="from"/> does not exist.</summary>
    Task MoveAsync(string @namespace, string from, string to, CancellationToken cancellationToken);
}
