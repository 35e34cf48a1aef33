using Merlin.Core.Storage;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Internal storage on local disk: <c>kestra:///a/b/c.txt</c> is <c>&lt;dataDir&gt;/storage/a/b/c.txt</c>.
/// Writes go to a temporary file first and are renamed into place, so readers never see a partial file.
/// A full or read-only disk surfaces as <see cref="StorageFaultException"/> and is reported to <see cref="StoreHealth"/>.
/// </summary>
public sealed class LocalFileStorage : IFileStorage, IStoreProbe
{
    private readonly StoreHealth? health;

    public LocalFileStorage(string dataDirectory, StoreHealth? health = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        this.health = health;
        var full = Path.GetFullPath(dataDirectory);
        RootDirectory = Path.Combine(full, "storage");
        TempDirectory = Path.Combine(full, "storage.tmp");
    }

    public string RootDirectory { get; }

    /// <summary>Beside the root (same disk, so the final rename is atomic) but outside it, so listings never see it.</summary>
    public string TempDirectory { get; }

    public string Name => "files";

    public async Task<string> PutAsync(string uri, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = Resolve(uri, allowRoot: false);
        try
        {
            await WriteAsync(content, target, cancellationToken);
        }
        catch (Exception e) when (StorageFault(e) is { } fault)
        {
            throw fault;
        }

        health?.ReportWritable(Name);
        return uri;
    }

    /// <summary>Writes, syncs and removes a one-byte temporary file: the disk takes new data, or a fault is thrown.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(TempDirectory);
            var probe = Path.Combine(TempDirectory, "probe-" + Guid.NewGuid().ToString("N"));
            try
            {
                await using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                await file.WriteAsync(new byte[] { 1 }, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            finally
            {
                File.Delete(probe);
            }
        }
        catch (Exception e) when (StorageFault(e) is { } fault)
        {
            throw fault;
        }
    }

    private StorageFaultException? StorageFault(Exception exception)
    {
        var fault = StorageFaultException.From(exception);
        if (fault is not null)
        {
            health?.ReportFault(Name, fault);
        }

        return fault;
    }

    private async Task WriteAsync(Stream content, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(TempDirectory);
        var temp = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target) ?? RootDirectory);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream> GetAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Resolve(uri, allowRoot: false);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No stored file at {uri}.", uri);
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    public Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(Resolve(uri, allowRoot: false)));

    public Task<long> SizeAsync(string uri, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Resolve(uri, allowRoot: false));
        return file.Exists
            ? Task.FromResult(file.Length)
            : Task.FromException<long>(new FileNotFoundException($"No stored file at {uri}.", uri));
    }

    public Task<bool> DeleteAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Resolve(uri, allowRoot: false);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>The prefix names a folder: every file below it is deleted, then the folder itself.</summary>
    public Task<int> DeletePrefixAsync(string uriPrefix, CancellationToken cancellationToken)
    {
        var path = Resolve(uriPrefix, allowRoot: true);
        if (File.Exists(path))
        {
            File.Delete(path);
            return Task.FromResult(1);
        }

        if (!Directory.Exists(path))
        {
            return Task.FromResult(0);
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(file);
            count++;
        }

        if (path == RootDirectory)
        {
            foreach (var directory in Directory.EnumerateDirectories(path))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        else
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.FromResult(count);
    }

    public Task<IReadOnlyList<StoredEntry>> ListAsync(string uriPrefix, CancellationToken cancellationToken)
    {
        var folder = Resolve(uriPrefix, allowRoot: true);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<StoredEntry>>([]);
        }

        var prefix = uriPrefix.TrimEnd('/');
        var entries = new List<StoredEntry>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(folder, entry.FullName).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString);
            entries.Add(new StoredEntry(prefix + "/" + string.Join('/', relative), entry is DirectoryInfo, entry is FileInfo file ? file.Length : 0,
                new DateTimeOffset(entry.CreationTimeUtc, TimeSpan.Zero), new DateTimeOffset(entry.LastWriteTimeUtc, TimeSpan.Zero)));
        }

        return Task.FromResult<IReadOnlyList<StoredEntry>>(entries);
    }

    public Task CreateDirectoryAsync(string uri, CancellationToken cancellationToken)
    {
        var path = Resolve(uri, allowRoot: false);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (StorageFault(e) is { } fault)
        {
            throw fault;
        }

        return Task.CompletedTask;
    }

    /// <summary>The file a URI names under the root (<see cref="StoragePaths.Segments"/>), which it can never leave.</summary>
    private string Resolve(string uri, bool allowRoot)
    {
        var segments = StoragePaths.Segments(uri, allowRoot);
        if (segments.Length == 0)
        {
            return RootDirectory;
        }

        var path = Path.GetFullPath(Path.Combine([RootDirectory, .. segments]));
        if (!path.StartsWith(RootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidStorageUriException($"Storage URI escapes the storage folder: {uri}");
        }

        return path;
    }
}
