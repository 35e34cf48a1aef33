namespace Merlin.Storage.Postgres.Messaging;

/// <summary>How the PostgreSQL queues behave (<c>Merlin:Cluster</c>; leases follow <see cref="Runtime.Cluster.ClusterOptions"/>).</summary>
public sealed class PostgresMessagingOptions
{
    /// <summary>The longest a consumer sleeps without a notification: a lost notification costs at most this delay.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Task runs one worker process runs at once (jobs it claims beyond them wait in the queue for any worker).</summary>
    public int WorkerSlots { get; set; } = Math.Max(8, Environment.ProcessorCount * 8);
}
