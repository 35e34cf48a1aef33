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

    Task<Stream> OpenFileAsync(string uri, CancellationToken cancellationToken);

    HttpClient HttpClient { get; }

    IServiceProvider Services { get; }
}
