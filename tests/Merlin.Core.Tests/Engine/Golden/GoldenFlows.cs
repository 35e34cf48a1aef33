using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Core.Templating;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>What recording and replaying share: the flow, the new execution, the engine and each advance's input.</summary>
internal static class GoldenFlows
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly FlowParser Parser = new(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));
    private static readonly IReadOnlyDictionary<string, object?> Envs = new Dictionary<string, object?> { ["region"] = "eu" };

    public static ExecutionEngine Engine() => new(new TemplateEngine().ForExecutor());

    public static AdvanceInput Input(DateTimeOffset now, IIdSource ids, int admitted) => new(now, new EngineEnvironment(ids, Envs), admitted);

    public static Flow Flow(GoldenScenario scenario)
    {
        var yaml = scenario.Flow.Contains('\n', StringComparison.Ordinal)
            ? scenario.Flow
            : File.ReadAllText(Path.Combine(GoldenFiles.RepositoryRoot, "tests", "conformance", scenario.Flow));
        return Parser.Parse(yaml) with { Revision = 1 };
    }

    public static Execution NewExecution(Flow flow, GoldenScenario scenario) => TestExecutions.New(flow, Start, scenario.Inputs);
}
