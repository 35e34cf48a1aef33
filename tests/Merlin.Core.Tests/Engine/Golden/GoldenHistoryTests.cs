using System.Text.Json.Nodes;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>
/// Recorded event→action histories of representative conformance flows, replayed through <see cref="ExecutionEngine.Advance"/>:
/// each step's recorded event, time, admitted count and ids must give the recorded actions and execution. A change in
/// the engine's semantics shows here as the first step that differs. After an intended change, record again:
/// <c>MERLIN_RECORD_GOLDEN=1 dotnet test tests/Merlin.Core.Tests --filter FullyQualifiedName~GoldenHistoryTests</c>,
/// and review the diff of <c>histories/</c>.
/// </summary>
public sealed class GoldenHistoryTests
{
    public static TheoryData<string> Scenarios() => [.. GoldenScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Replaying_a_recorded_history_gives_the_recorded_actions_and_execution(string name)
    {
        var scenario = GoldenScenarios.All.Single(s => s.Name == name);
        if (GoldenFiles.Recording)
        {
            GoldenFiles.Write(name, new HistoryRecorder(scenario).Record());
        }

        var steps = GoldenFiles.Read(name)["steps"]!.AsArray();
        Assert.True(steps.Count > 0, $"{name}: the history holds no step");
        var flow = GoldenFlows.Flow(scenario);
        var execution = GoldenFlows.NewExecution(flow, scenario);
        var engine = GoldenFlows.Engine();
        var ids = RecordedIds.Replaying();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i]!;
            var @event = HistoryJson.ReadEvent(step["event"]!);
            var now = HistoryJson.ReadDate(step["now"]);
            var admitted = (int)step["admitted"]!;
            ids.Begin(step["ids"]!.AsArray().Select(id => Guid.Parse((string)id!)));

            var result = engine.Advance(flow, execution, @event, GoldenFlows.Input(now, ids, admitted));

            Assert.True(ids.Unused == 0, $"{name}, step {i} ({@event.GetType().Name}): {ids.Unused} recorded id(s) not drawn");
            var expected = HistoryStep.Outcome(step);
            var actual = HistoryStep.Outcome(HistoryStep.Of(@event, now, admitted, ids.Drawn, result));
            Assert.True(JsonNode.DeepEquals(expected, actual),
                $"{name}, step {i} ({@event.GetType().Name}):\nexpected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
            execution = result.Execution;
        }
    }

    [Fact]
    public void Every_history_file_belongs_to_a_scenario()
    {
        var names = GoldenScenarios.All.Select(s => s.Name).ToHashSet();
        Assert.All(GoldenFiles.Names(), file => Assert.Contains(file, names));
    }

    [Fact]
    public void Histories_reach_the_end_their_scenario_is_about()
    {
        static StateType Last(string name)
        {
            var states = GoldenFiles.Read(name)["steps"]!.AsArray()[^1]!["execution"]!["state"]!.AsArray();
            return Enum.Parse<StateType>(((string)states[^1]!).Split('@')[0]);
        }

        Assert.Equal(StateType.SUCCESS, Last("sequential"));
        Assert.Equal(StateType.KILLED, Last("kill"));
        Assert.Equal(StateType.FAILED, Last("errors"));
        Assert.Equal(StateType.SUCCESS, Last("pause-resume"));
        Assert.Equal(StateType.SUCCESS, Last("restart"));
        Assert.Equal(StateType.SUCCESS, Last("concurrency-queue"));
        Assert.Equal(StateType.CANCELLED, Last("concurrency-cancel"));
        Assert.Equal(StateType.FAILED, Last("concurrency-fail"));
        Assert.Equal(StateType.SUCCESS, Last("waitfor"));
    }
}
