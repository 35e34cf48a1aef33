namespace Merlin.Runtime.Worker;

/// <summary>The directory a WorkingDirectory task run's children share.</summary>
public sealed class SharedWorkingDirectory(string path)
{
    public string Path { get; } = path;

    /// <summary>True once the WorkingDirectory's <c>inputFiles</c> are written (by its first child to run).</summary>
    public bool InputsWritten { get; set; }
}
