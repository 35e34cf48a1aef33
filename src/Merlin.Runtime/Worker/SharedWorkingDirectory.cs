namespace Merlin.Runtime.Worker;

/// <summary>The directory a WorkingDirectory task run's children share.</summary>
public sealed class SharedWorkingDirectory(string path)
{
    public string Path { get; } = path;

    /// <summary>True once the WorkingDirectory's <c>inputFiles</c> are written (by its first child to run).</summary>
    public bool InputsWritten { get; set; }

    /// <summary>Output files stored so far, by relative path, with the length and write time they had then: an unchanged file is not stored again.</summary>
    public Dictionary<string, (long Length, DateTime LastWrite, string Uri)> StoredOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The cached files (paths, lengths, write times) as last restored or saved: an unchanged set is not archived again.</summary>
    public string? CacheSignature { get; set; }
}
