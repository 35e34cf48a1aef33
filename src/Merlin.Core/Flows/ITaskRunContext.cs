using Merlin.Core.Executions;

namespace Merlin.Core.Flows;

/// <summary>
/// Everything a running task may use: rendering against its execution's variables, logging,
/// internal storage and outbound HTTP. Implemented by the worker.
/// </summary>
public interface ITaskRunContext
{
    TaskRun TaskRun { get; }
    Execution Execution { get; }

    /// <summary>Renders a template string to text (null stays null).</summary>
    string? Render(string? template);

    /// <summary>Renders a template; a single expression keeps its type (Kestra's renderTyped).</summary>
    object? RenderTyped(string? template);

    /// <summary>Renders every string leaf of a map or list.</summary>
    object? RenderValue(object? value);

    void Log(LogLevel level, string message);

    /// <summary>Stores a file produced by this task run and returns its <c>kestra:///</c> URI.</summary>
    Task<string> PutFileAsync(string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a <c>kestra:///</c> file. This and the other file methods only reach the execution's own files, those of
    /// the execution that triggered it, of its subflows and its namespace files; anything else throws
    /// <see cref="Storage.FileAccessDeniedException"/>, failing the task run.
    /// </summary>
    Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Size in bytes of a <c>kestra:///</c> file; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<long> FileSizeAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Deletes a <c>kestra:///</c> file; false when there was none.</summary>
    Task<bool> DeleteFileAsync(string uri, CancellationToken cancellationToken);

    /// <summary>
    /// A local directory for the task's files (Kestra's <c>runContext.workingDir()</c>), created on first use: inside a
    /// WorkingDirectory it is the one its children share (files written by one are seen by the next), removed when the
    /// WorkingDirectory ends; elsewhere it is the task run's own, removed when the attempt ends.
    /// </summary>
    string WorkingDirectory { get; }

    HttpClient HttpClient { get; }

    /// <summary>Services a task may use (KV store, logs...); internal storage is reached only through the file methods above.</summary>
    IServiceProvider Services { get; }
}
