using Merlin.Core.Limits;
using Xunit;

namespace Merlin.Core.Tests.Limits;

public sealed class ValueBoundsTests
{
    private static readonly LimitOptions Limits = new() { MaxDepth = 10 };

    private static object? Nested(int levels)
    {
        object? value = 1L;
        for (var i = 0; i < levels; i++)
        {
            value = new List<object?> { value };
        }

        return value;
    }

    [Fact]
    public void Values_within_the_bounds_pass()
    {
        var outputs = new Dictionary<string, object?> { ["v"] = Nested(9), ["s"] = "text" };
        Assert.Null(ValueBounds.Violation(outputs, Limits, 1_000, "TaskMaxOutputSize", "the task outputs"));
    }

    [Fact]
    public void Too_deep_names_the_depth_setting()
    {
        var outputs = new Dictionary<string, object?> { ["v"] = Nested(10) };
        Assert.Contains("Merlin:Limits:MaxDepth", ValueBounds.Violation(outputs, Limits, 1_000, "TaskMaxOutputSize", "the task outputs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_contains_itself_is_too_deep_not_a_stack_overflow()
    {
        var loop = new List<object?>();
        loop.Add(loop);
        Assert.NotNull(ValueBounds.Violation(loop, Limits, long.MaxValue, "TaskMaxOutputSize", "the task outputs"));
    }

    [Fact]
    public void Too_large_names_the_size_setting()
    {
        var outputs = new Dictionary<string, object?> { ["v"] = new string('x', 2_000) };
        Assert.Contains("Merlin:Limits:TaskMaxOutputSize", ValueBounds.Violation(outputs, Limits, 1_000, "TaskMaxOutputSize", "the task outputs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_at_start_up()
    {
        Assert.Throws<InvalidOperationException>(() => new LimitOptions { MaxDepth = 10_000 }.Validate());
        new LimitOptions().Validate();
    }
}
