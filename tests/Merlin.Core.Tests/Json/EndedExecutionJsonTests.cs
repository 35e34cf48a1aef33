using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Sdk.Runs;
using Xunit;

namespace Merlin.Core.Tests.Json;

public sealed class EndedExecutionJsonTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_ended_execution_is_written_once_and_its_text_is_the_kestra_json()
    {
        var ended = Execution(State.Create(Start).With(StateType.RUNNING, Start.AddSeconds(1)).With(StateType.SUCCESS, Start.AddSeconds(2)));

        var first = EndedExecutionJson.Serialize(ended);

        Assert.Same(first, EndedExecutionJson.Serialize(ended));
        Assert.True(EndedExecutionJson.TryGet(ended, out var kept));
        Assert.Same(first, kept);
        Assert.Equal(KestraJson.Serialize(ended), first);
    }

    [Fact]
    public void A_running_execution_is_not_remembered_its_duration_still_grows()
    {
        var running = Execution(State.Create(Start).With(StateType.RUNNING, Start.AddSeconds(1)));

        EndedExecutionJson.Serialize(running);

        Assert.False(EndedExecutionJson.TryGet(running, out _));
    }

    [Fact]
    public void A_copy_of_an_ended_execution_is_written_anew()
    {
        var ended = Execution(State.Create(Start).With(StateType.FAILED, Start.AddSeconds(1)));
        EndedExecutionJson.Serialize(ended);

        var relabelled = ended with { Labels = [new Label("team", "data")] };

        Assert.False(EndedExecutionJson.TryGet(relabelled, out _));
        Assert.Contains("\"team\"", EndedExecutionJson.Serialize(relabelled), StringComparison.Ordinal);
    }

    private static Execution Execution(State state)
    {
        var id = Ids.Create();
        return new()
        {
            Id = id,
            OriginalId = id,
            Metadata = new ExecutionMetadata(1, Start),
            Namespace = "company.team",
            FlowId = "hello",
            FlowRevision = 1,
            State = state,
        };
    }
}
