namespace Merlin.Core.Executions;

/// <summary>The production id source: random UUIDs (version 4), as Kestra's FriendlyId.</summary>
public sealed class RandomIds : IIdSource
{
    public static RandomIds Instance { get; } = new();

    private RandomIds()
    {
    }

    public Guid NextGuid() => Guid.NewGuid();
}
