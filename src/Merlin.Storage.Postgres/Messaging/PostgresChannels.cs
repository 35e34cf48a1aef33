namespace Merlin.Storage.Postgres.Messaging;

/// <summary>The notification channels of the queues: wake-ups only, the tables are the truth.</summary>
public static class PostgresChannels
{
    public const string ExecutionQueue = "execution_queue";
    public const string WorkerJobQueue = "worker_job_queue";
    public const string WorkerKill = "worker_kill";
    public const string ExecutionReply = "execution_reply";

    /// <summary>
    /// The statement that wakes a channel's consumers, run inside the transaction that queues: PostgreSQL delivers it
    /// at commit, and identical notifications of one transaction once, so a batch of writes wakes them once.
    /// </summary>
    public static string Notify(string channel, string payload = "") =>
        $"SELECT pg_notify('{PostgresNotifications.Prefix}{channel}', '{payload.Replace("'", "''", StringComparison.Ordinal)}')";
}
