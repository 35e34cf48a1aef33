using Microsoft.Extensions.Logging.Abstractions;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Hosting;

/// <summary>
/// The text line of the framework's single-line <c>simple</c> formatter without colours
/// (<c>HH:mm:ss.fff info: Category[id] message exception</c>, line breaks inside turned into spaces), written without
/// its per-line costs (a custom date pattern, coloured segments): at two lines per execution they were a tenth of the
/// server's CPU. Used when standard output is not a terminal, i.e. whenever colours would not be written anyway.
/// </summary>
internal static class PlainTextLineFormatter
{
    public static void Write<TState>(in LogEntry<TState> entry, DateTimeOffset now, TextWriter writer)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (entry.Exception is null && string.IsNullOrEmpty(message))
        {
            return; // as the framework's formatter: nothing to say
        }

        Span<char> head = stackalloc char[13];
        var time = now.TimeOfDay;
        Two(head, 0, time.Hours);
        head[2] = ':';
        Two(head, 3, time.Minutes);
        head[5] = ':';
        Two(head, 6, time.Seconds);
        head[8] = '.';
        head[9] = (char)('0' + (time.Milliseconds / 100));
        Two(head, 10, time.Milliseconds % 100);
        head[12] = ' ';
        writer.Write(head);
        writer.Write(Level(entry.LogLevel));
        writer.Write(": ");
        writer.Write(entry.Category);
        writer.Write('[');
        writer.Write(entry.EventId.Id);
        writer.Write(']');
        WriteOnOneLine(writer, message);
        if (entry.Exception is { } exception)
        {
            WriteOnOneLine(writer, exception.ToString());
        }

        writer.Write(Environment.NewLine);
    }

    private static void Two(Span<char> text, int at, int value)
    {
        text[at] = (char)('0' + (value / 10));
        text[at + 1] = (char)('0' + (value % 10));
    }

    private static void WriteOnOneLine(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        writer.Write(' ');
        writer.Write(text.Contains(Environment.NewLine, StringComparison.Ordinal) ? text.Replace(Environment.NewLine, " ", StringComparison.Ordinal) : text);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
