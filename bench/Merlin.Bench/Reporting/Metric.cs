namespace Merlin.Bench.Reporting;

/// <summary>One measured number, with the target it is compared against (if any).</summary>
public sealed record Metric(string Name, double Value, string Unit, string? Target = null)
{
    public string Formatted => Unit switch
    {
        "ms" => Value < 10 ? $"{Value:0.00} ms" : $"{Value:0.0} ms",
        "s" => $"{Value:0.00} s",
        "MB" => $"{Value:0} MB",
        "/s" => $"{Value:0} /s",
        "" => $"{Value:0}",
        _ => $"{Value:0.##} {Unit}",
    };
}
