namespace Merlin.Core.Tasks;

public sealed class CheckFrequency
{
    public string Interval { get; init; } = "PT1S";
    public int MaxIterations { get; init; } = 100;
    public string MaxDuration { get; init; } = "PT1H";
}
