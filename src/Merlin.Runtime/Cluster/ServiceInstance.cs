namespace Merlin.Runtime.Cluster;

/// <summary>One running Merlin process as the cluster sees it: a row of <c>service_instances</c>.</summary>
/// <param name="Id">Unique per registration (<c>hostname-pid-random</c>); an id absent from the registry is dead.</param>
/// <param name="Components">What it runs: webserver, executor, worker, scheduler.</param>
/// <param name="Hostname">The machine it runs on.</param>
/// <param name="ProcessId">Its operating-system process id on that machine.</param>
/// <param name="Version">The Merlin version it runs.</param>
/// <param name="StartedAt">When this process started.</param>
/// <param name="HeartbeatAt">Its last heartbeat, by the store's clock (ignored when beating: the store sets it).</param>
public sealed record ServiceInstance(
    string Id,
    IReadOnlyList<string> Components,
    string Hostname,
    int ProcessId,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt);
