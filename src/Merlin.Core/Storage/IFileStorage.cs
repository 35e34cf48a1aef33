namespace Merlin.Core.Storage;

/// <summary>
/// Internal storage addressed by <c>kestra:///path</c> URIs (the path part is the key). Local disk by default.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores the content at the URI's path, replacing any previous file; returns the URI.</summary>
    Task<string> PutAsync(string uri, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file for reading; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> GetAsync(string uri, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken);

    Task<long> SizeAsync(string uri, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Deletes every file under a URI prefix (an execution's folder, for example); returns how many.</summary>
    Task<int> DeletePrefixAsync(string uriPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Every file and folder below a URI prefix naming a folder, at any depth, with sizes and dates; empty when the folder
    /// does not exist. URIs are answered as <see cref="PutAsync"/> would take them.
    /// </summary>
    Task<IReadOnlyList<StoredEntry>> ListAsync(string uriPrefix, CancellationToken cancellationToken);

    /// <summary>Creates a folder, empty until files are put below it (namespace files have explicit directories).</summary>
    Task CreateDirectoryAsync(string uri, CancellationToken cancellationToken);
}
