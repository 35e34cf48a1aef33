namespace Merlin.Core.Storage;

/// <summary>A namespace file or directory: its path relative to the namespace (no leading '/'), size and dates.</summary>
public sealed record NamespaceFileEntry(string Path, bool IsDirectory, long Size, DateTimeOffset Created, DateTimeOffset LastModified)
{
    /// <summary>The last component of <see cref="Path"/>.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];
}
