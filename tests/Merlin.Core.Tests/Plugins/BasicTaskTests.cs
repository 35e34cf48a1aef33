using Merlin.Core.Executions;
using Merlin.Plugins.Debug;
using Merlin.Plugins.Execution;
using Merlin.Plugins.Flow;
using Merlin.Plugins.Log;
using Merlin.Plugins.Output;
using Merlin.Sdk.Testing;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class BasicTaskTests
{
    private readonly FakeTaskRunContext _context = new();

    [Fact]
    public async Task Log_writes_one_entry_per_message_at_its_level()
    {
        _context.Renders["{{ a }}"] = "rendered";
        var task = new LogMessage { Id = "log", Type = "io.kestra.plugin.core.log.Log", Message = new List<object?> { "{{ a }}", "two" }, Level = LogLevel.WARN };

        var result = await task.RunAsync(_context, CancellationToken.None);

        Assert.Empty(result.Outputs);
        Assert.Equal([(LogLevel.WARN, "rendered"), (LogLevel.WARN, "two")], _context.Logs.Lines);
    }

    [Fact]
    public async Task Log_of_a_single_string_defaults_to_info()
    {
        await new LogMessage { Message = "hello" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal([(LogLevel.INFO, "hello")], _context.Logs.Lines);
    }

    [Fact]
    public async Task Return_outputs_the_rendered_format_as_a_string_and_logs_it_at_debug()
    {
        _context.Renders["{{ 42 }}"] = 42;

        var result = await new Return { Format = "{{ 42 }}" }.RunAsync(_context, CancellationToken.None);

        Assert.Equal("42", result.Outputs["value"]);
        Assert.Equal([(LogLevel.DEBUG, "42")], _context.Logs.Lines);
    }

    [Fact]
    public async Task Echo_logs_at_its_level()
    {
        await new Echo { Format = "hi", Level = LogLevel.ERROR }.RunAsync(_context, CancellationToken.None);

        Assert.Equal([(LogLevel.ERROR, "hi")], _context.Logs.Lines);
    }

    [Fact]
    public async Task OutputValues_renders_string_leaves_and_keeps_other_literals()
    {
        _context.Renders["{{ x }}"] = "X";
        var task = new OutputValues
        {
            Values = new() { ["a"] = "{{ x }}", ["n"] = 3L, ["nested"] = new Dictionary<string, object?> { ["b"] = "{{ x }}" } },
        };

        var result = await task.RunAsync(_context, CancellationToken.None);

        var values = Assert.IsAssignableFrom<IDictionary<string, object?>>(result.Outputs["values"]);
        Assert.Equal("X", values["a"]);
        Assert.Equal(3L, values["n"]);
        Assert.Equal("X", Assert.IsAssignableFrom<IDictionary<string, object?>>(values["nested"])["b"]);
    }

    [Fact]
    public async Task Fail_without_condition_fails_with_the_rendered_message()
    {
        _context.Renders["boom {{ x }}"] = "boom 1";

        var e = await Assert.ThrowsAsync<TaskFailedException>(() => new Fail { ErrorMessage = "boom {{ x }}" }.RunAsync(_context, CancellationToken.None));

        Assert.Equal("boom 1", e.Message);
    }

    [Fact]
    public async Task Fail_without_message_uses_the_default()
    {
        var e = await Assert.ThrowsAsync<TaskFailedException>(() => new Fail().RunAsync(_context, CancellationToken.None));

        Assert.Equal("Task failure", e.Message);
    }

    [Fact]
    public async Task Fail_with_a_truthy_condition_logs_the_message_and_fails_on_a_condition()
    {
        var e = await Assert.ThrowsAsync<TaskFailedException>(() => new Fail { Condition = "true", ErrorMessage = "bad" }.RunAsync(_context, CancellationToken.None));

        Assert.Equal("Fail on a condition", e.Message);
        Assert.Equal([(LogLevel.ERROR, "bad")], _context.Logs.Lines);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("")]
    public async Task Fail_with_a_falsy_condition_succeeds(string condition)
    {
        var result = await new Fail { Condition = condition }.RunAsync(_context, CancellationToken.None);

        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task Sleep_logs_and_waits_for_the_duration()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        await new Sleep { Duration = "PT0.05S" }.RunAsync(_context, CancellationToken.None);

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(45));
        Assert.Equal([(LogLevel.INFO, "Waiting for PT0.05S")], _context.Logs.Lines);
    }

    [Fact]
    public async Task Sleep_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Sleep { Duration = "PT1M" }.RunAsync(_context, cancel.Token));
    }
}
