namespace Merlin.Runtime.Storage;

/// <summary>
/// Maps <c>kestra:///</c> URIs to paths under a root folder, refusing anything that could leave it
/// (<c>..</c> or <c>.</c> segments, backslashes, NUL, empty segments), percent-encoded or not.
/// </summary>
internal sealed class StoragePaths(string root)
{
    private const string Scheme = "kestra://";

    public string Root { get; } = Path.GetFullPath(root);

    public string Resolve(string uri, bool allowRoot)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || uri.Length == Scheme.Length || uri[Scheme.Length] != '/')
        {
            throw new InvalidStorageUriException($"Not an internal storage URI (kestra:///...): {uri}");
        }

        var encoded = uri[(Scheme.Length + 1)..].TrimEnd('/');
        if (encoded.Length == 0)
        {
            return allowRoot ? Root : throw new InvalidStorageUriException($"The URI names no file: {uri}");
        }

        var segments = encoded.Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\') || s.Contains('\0') || s.Contains('/')))
        {
            throw new InvalidStorageUriException($"Invalid path in storage URI: {uri}");
        }

        var path = Path.GetFullPath(Path.Combine([Root, .. segments]));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidStorageUriException($"Storage URI escapes the storage folder: {uri}");
        }

        return path;
    }
}
