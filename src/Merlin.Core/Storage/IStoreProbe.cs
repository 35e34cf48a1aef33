namespace Merlin.Core.Storage;

/// <summary>A small real write to one part of the store (database, file storage), used by the readiness check.</summary>
public interface IStoreProbe
{
    /// <summary>What is probed, as readiness names it (<c>database</c>, <c>files</c>).</summary>
    string Name { get; }

    /// <summary>Writes and syncs a few bytes; throws <see cref="StorageFaultException"/> when the store cannot take them.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
