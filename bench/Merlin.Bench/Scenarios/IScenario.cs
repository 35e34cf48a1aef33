using Merlin.Bench.Reporting;

namespace Merlin.Bench.Scenarios;

/// <summary>One measurement against a running server; creates the flows it needs first.</summary>
public interface IScenario
{
    string Name { get; }

    Task<ScenarioResult> RunAsync(BenchContext context);
}
