using System.Reflection;
using System.Security.Cryptography;

namespace Merlin.Runtime.Cluster;

/// <summary>
/// This process in the cluster: its current registration id and what it runs. The id is new at every start
/// (<c>hostname-pid-random</c>) and again after this process lost its liveness (<see cref="ServiceHeartbeat"/>), so
/// what it claimed under the old id stays claimed by a dead id and is taken over by others; read <see cref="Id"/> when
/// claiming, never keep it.
/// </summary>
public sealed class LocalInstance
{
    private string id;

    public LocalInstance(IEnumerable<string> components, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(time);
        Components = [.. components];
        StartedAt = time.GetUtcNow();
        id = NewId();
    }

    /// <summary>The id of this process's current registration in <see cref="IServiceRegistry"/>.</summary>
    public string Id => Volatile.Read(ref id);

    /// <summary>What this process runs: webserver, executor, worker, scheduler.</summary>
    public IReadOnlyList<string> Components { get; }

    public string Hostname { get; } = Environment.MachineName;

    public int ProcessId { get; } = Environment.ProcessId;

    public string Version { get; } =
        typeof(LocalInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public DateTimeOffset StartedAt { get; }

    /// <summary>This process as a registry row (the heartbeat time is the store's to set).</summary>
    public ServiceInstance Describe() => new(Id, Components, Hostname, ProcessId, Version, StartedAt, default);

    /// <summary>A new registration id, after the old one was lost; answers the old one.</summary>
    internal string Renew() => Interlocked.Exchange(ref id, NewId());

    private string NewId() =>
        $"{Hostname.ToLowerInvariant()}-{ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
