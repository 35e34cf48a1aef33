namespace Merlin.Runtime.Cluster;

/// <summary>
/// The live processes of a cluster (PostgreSQL: the <c>service_instances</c> table). The rule every component relies
/// on: an instance whose id is absent is dead, so whatever it claimed may be taken over. Times are the store's own
/// clock (the database's <c>now()</c>), so machines with skewed clocks agree on who is late.
/// </summary>
public interface IServiceRegistry
{
    /// <summary>
    /// Inserts or refreshes <paramref name="self"/> with the store's current time as its heartbeat. Answers true when
    /// the instance was already registered, false when this beat registered it (its first beat, or after others
    /// reaped it as dead).
    /// </summary>
    Task<bool> BeatAsync(ServiceInstance self, CancellationToken cancellationToken);

    /// <summary>Deletes an instance (a graceful stop); false when it was not registered.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>The registered instances, by id.</summary>
    Task<IReadOnlyList<ServiceInstance>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the instances whose last heartbeat is older than <paramref name="livenessTimeout"/> by the store's clock
    /// and answers them as they were; when several processes reap at once, each dead instance is answered to one.
    /// </summary>
    Task<IReadOnlyList<ServiceInstance>> ReapAsync(TimeSpan livenessTimeout, CancellationToken cancellationToken);
}
