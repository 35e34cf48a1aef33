using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Console;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Server.Hosting;

/// <summary>
/// The server's console logging: Merlin's own lines at Information (one per execution created, ended or failed,
/// plus the start-up line); framework and HTTP-client categories only from Warning; text or JSON lines.
/// Categories can still be raised through <c>Logging:LogLevel:*</c> settings.
/// </summary>
internal static class ServerLogging
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Configures logging; call <see cref="Started"/> once the host runs.</summary>
    public static StrongBox<bool> Configure(ILoggingBuilder logging, LoggingOptions options)
    {
        options.Validate();
        logging.ClearProviders();
        if (options.IsJson)
        {
            logging.AddJsonConsole(c =>
            {
                c.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                c.UseUtcTimestamp = true;
                c.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else
        {
            logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; });
        }

        // Same formatters, written in batches (BufferedConsoleLoggerProvider says why).
        foreach (var console in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            logging.Services.Remove(console);
        }

        logging.Services.AddSingleton(_ => ConsoleLineBuffer.ForStandardOutput());
        var formatter = options.IsJson ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
        var plainText = !options.IsJson && Console.IsOutputRedirected // no colours would be written: the cheap writer makes the same line
            && Environment.GetEnvironmentVariable("DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION") is not ("1" or "true");
        logging.Services.AddSingleton<ILoggerProvider>(s =>
            new BufferedConsoleLoggerProvider(s.GetServices<ConsoleFormatter>(), formatter, s.GetRequiredService<ConsoleLineBuffer>(), plainText));

        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);

        // Refused requests (404, 422...) are answers, not server errors; ErrorHandling logs the real 500s itself.
        logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        // A failed start is reported by `merlin server local` as one line; the host's own report is a long stack
        // trace, so it is muted until the host has started (later host errors, a crashed background service, stay).
        var started = new StrongBox<bool>();
        logging.AddFilter(HostCategory, level => started.Value && level >= LogLevel.Warning);
        return started;
    }

    public static void Started(WebApplication app, StrongBox<bool> started) =>
        app.Lifetime.ApplicationStarted.Register(() => started.Value = true);
}
