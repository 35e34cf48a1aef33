namespace Merlin.Sdk.Runs;

/// <summary>The metric types as Kestra names them in <see cref="MetricEntry.Type"/> and in the scripts' <c>::{"metrics":[...]}::</c> lines.</summary>
public static class MetricTypes
{
    public const string Counter = "counter";
    public const string Timer = "timer";
    public const string Gauge = "gauge";

    /// <summary>Checks a metric before it is recorded: a name, and a finite value (a timer's, in milliseconds, not negative).</summary>
    /// <exception cref="ArgumentException">It is not valid.</exception>
    public static void Validate(string type, string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value) || (type == Timer && value < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"metric '{name}' needs a finite value{(type == Timer ? " not below zero" : "")}");
        }
    }
}
