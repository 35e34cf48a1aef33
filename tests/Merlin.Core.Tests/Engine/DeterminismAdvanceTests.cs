using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>The engine reads no clock, no process environment and makes no id of its own: its inputs decide everything.</summary>
public sealed class DeterminismAdvanceTests
{
    private const string Flow = """
        id: f
        namespace: t
        tasks:
          - id: each
            type: io.kestra.plugin.core.flow.ForEach
            values: ["a", "b"]
            tasks:
              - id: check
                type: io.kestra.plugin.core.flow.If
                condition: "{{ now() | date('yyyy') == '2024' and uuid() != '' and randomInt(0, 10) < 10 }}"
                then:
                  - id: log
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ id() }}"
        outputs:
          - id: at
            type: STRING
            value: "{{ now() }} {{ uuid() }} {{ envs.region ?? 'none' }}"
        """;

    [Fact]
    public void The_same_inputs_give_the_same_execution_and_actions()
    {
        var first = new EngineHarness(Flow);
        var second = new EngineHarness(Flow);
        first.Run();
        second.Run();

        Assert.Equal(StateType.SUCCESS, first.Execution.State.Current);
        Assert.Equal(first.Execution.TaskRunList.Select(r => r.Id), second.Execution.TaskRunList.Select(r => r.Id));
        Assert.Equal(first.Execution.Outputs!["at"], second.Execution.Outputs!["at"]);
        Assert.Equal(first.AllActions.Count, second.AllActions.Count);
    }

    [Fact]
    public void Engine_renders_read_the_time_and_ids_of_the_advance()
    {
        var h = new EngineHarness(Flow);
        h.Run();

        Assert.All(h.Runs("check"), r => Assert.Equal(true, r.Outputs!["evaluationResult"]));
        var at = (string)h.Execution.Outputs!["at"]!;
        Assert.StartsWith(h.Now.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), at, StringComparison.Ordinal);
        Assert.Contains("00000000-0000-0000-0000-0000000000", at, StringComparison.Ordinal);
        Assert.EndsWith(" none", at, StringComparison.Ordinal);
    }

    [Fact]
    public void Task_run_ids_come_from_the_id_source()
    {
        var h = new EngineHarness(Flow);
        h.Run();

        Assert.Equal(Ids.Of(new SequentialIds().NextGuid()), h.Execution.TaskRunList[0].Id);
    }
}
