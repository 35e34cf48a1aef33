namespace Merlin.Sdk.Runs;

/// <summary>Kestra's log levels, ordered from least to most severe.</summary>
public enum LogLevel
{
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
}
