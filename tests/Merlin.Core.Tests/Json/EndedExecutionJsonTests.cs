using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Sdk.Runs;
using Xunit;

namespace Merlin.Core.Tests.Json;

public sealed class EndedExecutionJsonTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_ended_execution_is_written_once_in_the_form_first_asked_and_converted_once_to_the_other(bool utf8First)
    {
        var ended = Execution(State.Create(Start).With(StateType.RUNNING, Start.AddSeconds(1)).With(StateType.SUCCESS, Start.AddSeconds(2)));
        var (firstUtf8, firstChars) = utf8First ? (EndedExecutionJson.SerializeToUtf8(ended), null) : ((byte[]?)null, EndedExecutionJson.Serialize(ended));

        Assert.True(EndedExecutionJson.TryGet(ended, out var utf8, out var chars)); // only the first form is kept so far
        Assert.Same(firstUtf8, utf8);
        Assert.Same(firstChars, chars);

        var text = EndedExecutionJson.Serialize(ended);
        var bytes = EndedExecutionJson.SerializeToUtf8(ended);
        Assert.Same(text, EndedExecutionJson.Serialize(ended));
        Assert.Same(bytes, EndedExecutionJson.SerializeToUtf8(ended));
        Assert.Equal(KestraJson.Serialize(ended), text);
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(bytes));
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
