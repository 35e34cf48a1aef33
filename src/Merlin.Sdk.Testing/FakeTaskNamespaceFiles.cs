using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>Namespace files in memory: (namespace, path) to content; directories are implied by the files' paths.</summary>
public sealed class FakeTaskNamespaceFiles(TimeProvider? clock = null) : ITaskNamespaceFiles
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Dictionary<(string Namespace, string Path), byte[]> Stored { get; } = [];

    public Task<IReadOnlyList<NamespaceFileEntry>> ListAsync(string @namespace, string? directory, bool recursive, CancellationToken cancellationToken)
    {
        var prefix = directory is null ? "" : Normalize(directory) + "/";
        var now = _clock.GetUtcNow();
        var entries = new SortedDictionary<string, NamespaceFileEntry>(StringComparer.Ordinal);
        foreach (var ((ns, path), content) in Stored)
        {
            if (ns != @namespace || !path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = path[prefix.Length..].Split('/');
            var depth = recursive ? parts.Length : 1;
            for (var i = 1; i <= depth; i++)
            {
                var entryPath = prefix + string.Join('/', parts[..i]);
                var isDirectory = i < parts.Length;
                entries.TryAdd(entryPath, new NamespaceFileEntry(entryPath, isDirectory, isDirectory ? 0 : content.Length, now, now));
            }
        }

        return Task.FromResult<IReadOnlyList<NamespaceFileEntry>>(entries.Values.ToList());
    }

    public async Task<NamespaceFileEntry?> StatAsync(string @namespace, string path, CancellationToken cancellationToken)
    {
        var normalized = Normalize(path);
        var parent = normalized.Contains('/', StringComparison.Ordinal) ? normalized[..normalized.LastIndexOf('/')] : null;
        return (await ListAsync(@namespace, parent, recursive: false, cancellationToken)).FirstOrDefault(e => e.Path == normalized);
    }

    public Task<Stream> OpenAsync(string @namespace, string path, CancellationToken cancellationToken) =>
        Stored.TryGetValue((@namespace, Normalize(path)), out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : Task.FromException<Stream>(new FileNotFoundException($"Namespace file '{path}' not found in {@namespace}"));

    public async Task PutAsync(string @namespace, string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Stored[(@namespace, Normalize(path))] = buffer.ToArray();
    }

    public Task<bool> DeleteAsync(string @namespace, string path, CancellationToken cancellationToken)
    {
        var normalized = Normalize(path);
        var doomed = Stored.Keys.Where(k => k.Namespace == @namespace && (k.Path == normalized || k.Path.StartsWith(normalized + "/", StringComparison.Ordinal))).ToList();
        doomed.ForEach(k => Stored.Remove(k));
        return Task.FromResult(doomed.Count > 0);
    }

    public string Uri(string @namespace, string path)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        return $"kestra:///{@namespace.Replace('.', '/')}/_files/{Normalize(path)}";
    }

    private static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.TrimStart('/');
        return trimmed.Split('/').Any(p => p is "" or "." or "..") ? throw new ArgumentException($"Invalid namespace file path '{path}'", nameof(path)) : trimmed;
    }
}
