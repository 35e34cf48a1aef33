namespace Merlin.Core.Storage;

/// <summary>A file or folder of internal storage, as <see cref="IFileStorage.ListAsync"/> answers it.</summary>
public sealed record StoredEntry(string Uri, bool IsDirectory, long Size, DateTimeOffset Created, DateTimeOffset LastModified);
