namespace Merlin.Bench.Reporting;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
public sealed record LatencyStats(int Count, double Mean, double P50, double P90, double P95, double P99, double Max)
{
    public static LatencyStats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }

        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Length, sorted.Average(), At(0.50), At(0.90), At(0.95), At(0.99), sorted[^1]);
    }
}
