using Merlin.Bench.Http;
using Merlin.Bench.Server;

namespace Merlin.Bench.Scenarios;

/// <summary>What every scenario gets: the API client, the server process and the run's settings.</summary>
public sealed record BenchContext(MerlinClient Client, ServerProcess Server, BenchOptions Options, CancellationToken CancellationToken)
{
    /// <summary>A full-run value, or the quick-run one under <c>--quick</c>.</summary>
    public T Pick<T>(T full, T quick) => Options.Quick ? quick : full;
}
