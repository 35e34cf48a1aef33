namespace Merlin.Bench.Server;

/// <summary>What the scenarios drive: one server process, or several that answer together (a split cluster).</summary>
public interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Where HTTP requests go.</summary>
    Uri BaseAddress { get; }

    /// <summary>The last lines the processes wrote (for error reports).</summary>
    string Output { get; }

    /// <summary>Memory and CPU of the target's processes added up.</summary>
    ProcessStats Stats();

    /// <summary>Each process by the component it runs (one entry for a single process).</summary>
    IReadOnlyList<(string Component, ProcessStats Stats)> ComponentStats() => [("server", Stats())];

    /// <summary>Polls <c>/health</c> until it answers 200; the caller times this for cold start.</summary>
    Task WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken);
}
