namespace Merlin.Sdk.Runs;

/// <summary>
/// Internal storage as a task run may reach it: the files it stores are its own; it reads only its execution's files, those
/// of the execution that triggered it, of its subflows and its namespace files. Anything else throws, failing the task run.
/// </summary>
public interface ITaskFiles
{
    /// <summary>Stores a file produced by this task run and returns its <c>kestra:///</c> URI.</summary>
    Task<string> PutAsync(string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a <c>kestra:///</c> file; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Size in bytes of a <c>kestra:///</c> file; throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<long> SizeAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Deletes a <c>kestra:///</c> file; false when there was none.</summary>
    Task<bool> DeleteAsync(string uri, CancellationToken cancellationToken);
}
