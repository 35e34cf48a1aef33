namespace Merlin.Bench.Scenarios;

/// <summary>
/// When a warm-up is over, by one rule for the floor and Merlin and for every scenario that warms up: tiered JIT (tier 0,
/// then PGO-instrumented, then tier 1) takes seconds of traffic, the longer the more code a server runs, and its
/// progress comes in steps with flat seconds between them. Each <see cref="Window"/> gives one figure (a median latency,
/// a rate); the warm-up is over once <see cref="SteadySeconds"/> figures in a row gain no more than <see cref="SteadyGain"/>
/// on the one before, after at least the scenario's least warm-up; at <see cref="MaxWarmUpTime"/> in any case, a server
/// still getting faster by then being measured as it is.
/// </summary>
internal sealed class SteadyRule(TimeSpan leastWarmUp, bool higherIsBetter)
{
    /// <summary>The span of traffic each figure is taken over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The most warm-up.</summary>
    public static readonly TimeSpan MaxWarmUpTime = TimeSpan.FromSeconds(30);

    /// <summary>A figure better than the one before by more than this fraction is a gain.</summary>
    private const double SteadyGain = 0.03;

    /// <summary>Figures in a row without a gain.</summary>
    private const int SteadySeconds = 2;

    private double? previous;
    private int flat;

    /// <summary>Takes the figure of the window that just ended; true when the warm-up is over.</summary>
    public bool Add(double figure, TimeSpan warmedFor)
    {
        var gained = previous is not { } before
            || (higherIsBetter ? figure > before * (1 + SteadyGain) : figure < before * (1 - SteadyGain));
        flat = gained ? 0 : flat + 1;
        previous = figure;
        return (flat >= SteadySeconds && warmedFor >= leastWarmUp) || warmedFor >= MaxWarmUpTime;
    }
}
