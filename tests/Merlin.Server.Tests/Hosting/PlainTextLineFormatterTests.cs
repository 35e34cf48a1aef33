using System.Text.RegularExpressions;
using Merlin.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Tests.Hosting;

/// <summary>The cheap writer makes exactly the line of the framework's single-line formatter without colours.</summary>
public sealed partial class PlainTextLineFormatterTests
{
    public static TheoryData<LogLevel, int, string, bool> Entries => new()
    {
        { LogLevel.Information, 3, "Execution company.team.hello 4SgRlIkyy4CJ5iEVlN5jQP ended SUCCESS in 0.902 s", false },
        { LogLevel.Warning, 0, "Schedule a.b: skipping 2026-11-30T12:00:00Z", false },
        { LogLevel.Error, 12, $"Failed{Environment.NewLine}on two lines", true },
        { LogLevel.Critical, 1, "", true },
        { LogLevel.Debug, 7, "débogage ✓", false },
        { LogLevel.Trace, 123456, "trace", false },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Lines_match_the_frameworks_simple_single_line_formatter(LogLevel level, int eventId, string message, bool withException)
    {
        var exception = withException ? Thrown() : null;
        var entry = new LogEntry<string>(level, "Merlin.Category", new EventId(eventId), message, exception, (m, _) => m);
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.ColorBehavior = LoggerColorBehavior.Disabled; }))
            .BuildServiceProvider();
        var simple = services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);

        var expected = new StringWriter();
        simple.Write(entry, null, expected);
        var actual = new StringWriter();
        PlainTextLineFormatter.Write(entry, DateTimeOffset.Now, actual);

        Assert.Matches(Timestamp(), actual.ToString());
        Assert.Equal(expected.ToString()[13..], actual.ToString()[13..]); // all but the clock read by each
    }

    [Fact]
    public void The_timestamp_is_the_local_time_to_the_millisecond()
    {
        var entry = new LogEntry<string>(LogLevel.Information, "C", new EventId(1), "m", null, (m, _) => m);
        var writer = new StringWriter();

        PlainTextLineFormatter.Write(entry, new DateTimeOffset(2026, 11, 30, 9, 5, 7, 42, TimeSpan.FromHours(1)), writer);

        Assert.Equal($"09:05:07.042 info: C[1] m{Environment.NewLine}", writer.ToString());
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d\d\d ")]
    private static partial Regex Timestamp();
}
