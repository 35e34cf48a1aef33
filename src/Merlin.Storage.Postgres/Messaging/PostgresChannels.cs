namespace Merlin.Storage.Postgres.Messaging;

/// <summary>The notification channels of the queues: wake-ups only, the tables are the truth.</summary>
public static class PostgresChannels
{
    public const string ExecutionQueue = "execution_queue";
    public const string WorkerJobQueue = "worker_job_queue";
    public const string WorkerKill = "worker_kill";
    public const string ExecutionReply = "execution_reply";
}
