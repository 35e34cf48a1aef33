using System.Text.Json;
using Merlin.Sdk.Runs;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// Turns a script's lines into logs and outputs as they come: protocol lines (<see cref="OutputLine"/>) feed
/// <see cref="Vars"/>, the task run's metrics and log entries; other stdout lines are logged at INFO, stderr lines at ERROR and counted.
/// Both streams call in concurrently.
/// </summary>
public sealed class ScriptLogConsumer(ITaskRunContext context)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object?> _vars = [];

    /// <summary>The outputs merged from every protocol line, later keys winning.</summary>
    public IReadOnlyDictionary<string, object?> Vars
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, object?>(_vars);
            }
        }
    }

    /// <summary>Ordinary stderr lines seen (protocol lines do not count).</summary>
    public int StdErrCount { get; private set; }

    /// <summary>Ordinary stdout lines seen.</summary>
    public int StdOutCount { get; private set; }

    public void Accept(string line, bool isStdErr)
    {
        if (OutputLine.Match(line) is { } json)
        {
            AcceptProtocol(json);
            return;
        }

        lock (_lock)
        {
            if (isStdErr)
            {
                StdErrCount++;
            }
            else
            {
                StdOutCount++;
            }
        }

        context.Logs.Log(isStdErr ? LogLevel.ERROR : LogLevel.INFO, line);
    }

    private void AcceptProtocol(string json)
    {
        OutputLine parsed;
        try
        {
            parsed = OutputLine.Parse(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            context.Logs.Log(LogLevel.WARN, $"Invalid output line ({e.Message}): {json}");
            return;
        }

        lock (_lock)
        {
            foreach (var (key, value) in parsed.Outputs)
            {
                _vars[key] = value;
            }
        }

        foreach (var metric in parsed.Metrics)
        {
            metric.RecordOn(context.Metrics);
        }

        foreach (var (level, message) in parsed.Logs)
        {
            context.Logs.Log(level, message);
        }
    }
}
