namespace Merlin.Server.Hosting;

/// <summary>The <c>Merlin:Logging</c> section: how the server's own log lines are written.</summary>
public sealed class LoggingOptions
{
    /// <summary><c>text</c> (default): one readable line per event; <c>json</c>: one JSON object per line, for log shippers.</summary>
    public string Format { get; set; } = "text";

    public bool IsJson => string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses an unknown format at start-up rather than silently writing text.</summary>
    public void Validate()
    {
        if (!IsJson && !string.Equals(Format, "text", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Merlin:Logging:Format must be 'text' or 'json', not '{Format}'.");
        }
    }
}
