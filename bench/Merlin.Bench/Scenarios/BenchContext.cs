using Merlin.Bench.Http;
using Merlin.Bench.Server;

namespace Merlin.Bench.Scenarios;

/// <summary>
/// What every scenario gets: the API client, the server process(es), the run's settings and, on PostgreSQL, the
/// target's database and the server it is on.
/// </summary>
public sealed record BenchContext(MerlinClient Client, IBenchTarget Server, BenchOptions Options, CancellationToken CancellationToken)
{
    /// <summary>The connection string of the target's database (PostgreSQL runs only).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The PostgreSQL server (PostgreSQL runs only): its CPU is part of what an execution costs.</summary>
    public PostgresServer? Database { get; init; }

    /// <summary>A full-run value, or the quick-run one under <c>--quick</c>.</summary>
    public T Pick<T>(T full, T quick) => Options.Quick ? quick : full;
}
