namespace Merlin.Runtime.Cluster;

/// <summary>How processes prove they are alive, bound from <c>Merlin:Cluster</c> (<c>Merlin__Cluster__LivenessTimeout=00:00:10</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Merlin:Cluster";

    /// <summary>
    /// A process whose last heartbeat (by the database clock) is older than this is dead: its row is deleted and its
    /// work handed to others. A process that cannot beat for this long stops its work itself.
    /// </summary>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each process beats (and reaps the dead); under half the timeout, so one lost beat is not death.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Refuses settings under which a live process could be declared dead, naming the settings.</summary>
    public void Validate()
    {
        if (LivenessTimeout <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{Section}:LivenessTimeout ({LivenessTimeout}) and {Section}:HeartbeatInterval ({HeartbeatInterval}) must be positive durations (e.g. 00:00:10)");
        }

        if (HeartbeatInterval >= LivenessTimeout / 2)
        {
            throw new InvalidOperationException(
                $"{Section}:HeartbeatInterval ({HeartbeatInterval}) must be less than half of {Section}:LivenessTimeout ({LivenessTimeout}), so one late beat does not declare a live process dead");
        }
    }
}
