namespace Merlin.Runtime.Messaging;

/// <summary>
/// One holder at a time of a role across processes: the scheduler, so that a schedule fires once whichever schedulers
/// run. In one process this process always holds it; across processes it is a lease renewed in the database.
/// </summary>
public interface ILeadership
{
    /// <summary>Waits until this process holds <paramref name="role"/>; the token returned is cancelled if it loses it.</summary>
    Task<CancellationToken> AcquireAsync(string role, CancellationToken cancellationToken);
}
