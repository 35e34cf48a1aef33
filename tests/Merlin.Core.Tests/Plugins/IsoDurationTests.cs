using Merlin.Core.Flows;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT5S", 5_000)]
    [InlineData("PT1M30S", 90_000)]
    [InlineData("P1D", 86_400_000)]
    [InlineData("PT0.5S", 500)]
    public void Parse_accepts_kestra_durations(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), IsoDuration.Parse(text));

    [Fact]
    public void Parse_rejects_garbage_with_the_text() =>
        Assert.Contains("'5 seconds'", Assert.Throws<FormatException>(() => IsoDuration.Parse("5 seconds")).Message);

    [Theory]
    [InlineData("PT5S", "PT5S")]
    [InlineData("PT1M30S", "PT1M30S")]
    [InlineData("P1D", "PT24H")]
    [InlineData("PT0.5S", "PT0.5S")]
    [InlineData("PT0S", "PT0S")]
    public void Format_writes_like_java(string text, string expected) =>
        Assert.Equal(expected, IsoDuration.Format(IsoDuration.Parse(text)));
}
