using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// The writes of <c>execution_queue</c> as deferred rows (<see cref="PostgresWriteContext.DeferRows{TRow}"/>): the
/// messages a batch queues go in one insert, the ones its saves consumed in one delete, and neither closes the batch's
/// other row groups (a batch of creations is one execution upsert, one queue insert and one notification statement).
/// </summary>
internal static class ExecutionQueueRows
{
    /// <summary>A message for the executors (<see cref="PostgresExecutionQueue"/>).</summary>
    public readonly record struct Message(int Partition, string ExecutionId, string Event, string? ReplyId);

    public static readonly PostgresRowStatement<Message> Insert = new(
        "INSERT INTO execution_queue (partition, execution_id, event, reply_id) SELECT * FROM unnest(@partitions, @ids, @events, @replies)",
        (command, rows) => command
            .Array("partitions", NpgsqlDbType.Integer, rows.Select(r => r.Partition))
            .Array("ids", NpgsqlDbType.Text, rows.Select(r => r.ExecutionId))
            .Array("events", NpgsqlDbType.Text, rows.Select(r => r.Event))
            .Array("replies", NpgsqlDbType.Text, rows.Select(r => r.ReplyId)),
        "INSERT INTO execution_queue (partition, execution_id, event, reply_id) VALUES (@partition, @id, @event, @reply)",
        (command, row) => command.Int("partition", row.Partition).Text("id", row.ExecutionId).Text("event", row.Event).Text("reply", row.ReplyId));

    /// <summary>Messages whose effect the batch stores, by id.</summary>
    public static readonly PostgresRowStatement<long> Delete = new(
        "DELETE FROM execution_queue WHERE id = ANY(@ids)",
        (command, ids) => command.Array("ids", NpgsqlDbType.Bigint, ids));
}
