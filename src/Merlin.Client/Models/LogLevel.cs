namespace Merlin.Client.Models;

/// <summary>Kestra's log levels, from the most verbose.</summary>
public enum LogLevel
{
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
}
