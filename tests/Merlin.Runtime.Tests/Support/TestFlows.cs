using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;

namespace Merlin.Runtime.Tests.Support;

/// <summary>Parses test flows with the real plugin registry.</summary>
public static class TestFlows
{
    private static readonly FlowParser Parser = new(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));

    public static Flow Parse(string yaml, int revision = 1) => Parser.Parse(yaml) with { Revision = revision };

    /// <summary>A flow with one Schedule trigger <c>schedule</c>; <paramref name="extra"/> is appended to the trigger.</summary>
    public static Flow Scheduled(string cron, string extra = "", string id = "scheduled", int revision = 1) => Parse($"""
        id: {id}
        namespace: tests
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hi
        triggers:
          - id: schedule
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "{cron}"
        {extra}
        """, revision);

    /// <summary>A flow <c>listener</c> of namespace <c>tests</c> with one Log task and these triggers (YAML, indented by two).</summary>
    public static Flow Listening(string triggers) => Parse("id: listener\nnamespace: tests\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\ntriggers:\n" + triggers);
}
