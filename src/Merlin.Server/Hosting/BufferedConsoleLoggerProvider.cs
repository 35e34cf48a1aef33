using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Hosting;

/// <summary>
/// Console logging with the framework's formatters (<c>simple</c> or <c>json</c>, same lines) but written in batches:
/// the framework's console logger wakes its writer thread for every line and writes each one with its own system call,
/// which at thousands of executions a second (two lines each) cost a tenth of the server's CPU. Here a line is
/// formatted on the caller's thread and appended to <see cref="ConsoleLineBuffer"/>, which writes what gathered in one
/// call at most every few milliseconds.
/// </summary>
[ProviderAlias("Console")]
/// <param name="plainText">Write the <c>simple</c> format's uncoloured line with <see cref="PlainTextLineFormatter"/>.</param>
internal sealed class BufferedConsoleLoggerProvider(IEnumerable<ConsoleFormatter> formatters, string formatterName, ConsoleLineBuffer buffer, bool plainText = false)
    : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter _formatter = formatters.First(f => f.Name == formatterName);
    private readonly ConsoleLineBuffer _buffer = buffer;
    private readonly bool _plainText = plainText;
    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _buffer.Flush();

    private sealed class Logger(BufferedConsoleLoggerProvider provider, string category) : ILogger
    {
        [ThreadStatic]
        private static StringWriter? t_writer;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state) ?? NullScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None; // the factory's filters decide

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var writer = t_writer ??= new StringWriter();
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            if (provider._plainText)
            {
                PlainTextLineFormatter.Write(entry, DateTimeOffset.Now, writer);
            }
            else
            {
                provider._formatter.Write(entry, provider._scopes, writer);
            }

            var text = writer.GetStringBuilder();
            if (text.Length > 0)
            {
                provider._buffer.Append(text, urgent: logLevel >= LogLevel.Error);
            }

            text.Clear();
            if (text.Capacity > 16 * 1024)
            {
                t_writer = null; // one huge message must not pin its buffer on this thread for ever
            }
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();

        public void Dispose()
        {
        }
    }
}
