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
        Assert.True(EndedExecutionJson.TryGet(ended, out var utf8, out var chars));
        Assert.Null(utf8);
        Assert.Same(first, chars);
        Assert.Equal(KestraJson.Serialize(ended), first);

        var converted = EndedExecutionJson.SerializeToUtf8(ended); // converted once, then kept in both forms
        Assert.Same(converted, EndedExecutionJson.SerializeToUtf8(ended));
        Assert.Equal(first, System.Text.Encoding.UTF8.GetString(converted));
        Assert.True(EndedExecutionJson.TryGet(ended, out utf8, out _));
        Assert.Same(converted, utf8);
    }

    [Fact]
    public void An_ended_execution_written_as_utf8_first_is_the_same_kestra_json_in_both_forms()
    {
        var ended = Execution(State.Create(Start).With(StateType.RUNNING, Start.AddSeconds(1)).With(StateType.FAILED, Start.AddSeconds(3)));

        var utf8 = EndedExecutionJson.SerializeToUtf8(ended);

        Assert.Same(utf8, EndedExecutionJson.SerializeToUtf8(ended));
        Assert.True(EndedExecutionJson.TryGet(ended, out var kept, out var chars));
        Assert.Same(utf8, kept);
        Assert.Null(chars);
        Assert.Equal(KestraJson.Serialize(ended), System.Text.Encoding.UTF8.GetString(utf8));
        Assert.Same(EndedExecutionJson.Serialize(ended), EndedExecutionJson.Serialize(ended));
    }

    [Fact]
    public void A_remembered_text_is_answered_as_is()
    {
        var ended = Execution(State.Create(Start).With(StateType.SUCCESS, Start.AddSeconds(1)));
        const string stored = "{\"id\":\"as-stored\"}";

        EndedExecutionJson.Remember(ended, stored);

        Assert.Same(stored, EndedExecutionJson.Serialize(ended));
        Assert.True(EndedExecutionJson.TryGet(ended, out _, out var chars));
        Assert.Same(stored, chars);
        Assert.Equal(stored, System.Text.Encoding.UTF8.GetString(EndedExecutionJson.SerializeToUtf8(ended)));
    }

    [Fact]
    public void A_running_execution_is_not_remembered_its_duration_still_grows()
    {
        var running = Execution(State.Create(Start).With(StateType.RUNNING, Start.AddSeconds(1)));

        EndedExecutionJson.Serialize(running);

        EndedExecutionJson.SerializeToUtf8(running);

        Assert.False(EndedExecutionJson.TryGet(running, out _, out _));
    }

    [Fact]
    public void A_copy_of_an_ended_execution_is_written_anew()
    {
        var ended = Execution(State.Create(Start).With(StateType.FAILED, Start.AddSeconds(1)));
        EndedExecutionJson.Serialize(ended);

        var relabelled = ended with { Labels = [new Label("team", "data")] };

        Assert.False(EndedExecutionJson.TryGet(relabelled, out _, out _));
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
