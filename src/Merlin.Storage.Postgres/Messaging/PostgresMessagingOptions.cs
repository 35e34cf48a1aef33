namespace Merlin.Storage.Postgres.Messaging;

/// <summary>How the PostgreSQL queues and leases behave (<c>Merlin:Cluster</c>).</summary>
public sealed class PostgresMessagingOptions
{
    /// <summary>This process in <c>service_instances</c>, <c>executor_partitions</c> and claimed jobs.</summary>
    public string InstanceId { get; set; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long a lease (executor partition, scheduler) lasts without renewal: another process takes it over after it.</summary>
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often leases are renewed and free partitions looked for.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest a consumer sleeps without a notification: a lost notification costs at most this delay.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Task runs one worker process runs at once (jobs it claims beyond them wait in the queue for any worker).</summary>
    public int WorkerSlots { get; set; } = Math.Max(8, Environment.ProcessorCount * 8);
}
