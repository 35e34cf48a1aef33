using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// The writes of <c>execution_queue</c> as deferred rows (<see cref="PostgresWriteContext.DeferRows{TRow}"/>): the
/// messages a batch queues go in one insert, the ones its saves consumed in one delete, and neither closes the batch's
/// other row groups (a batch of creations is one execution upsert, one queue insert and one notification statement).
/// </summary>
internal static class ExecutionQueueRows
{
    /// <summary>Room for the rows in a notification: PostgreSQL refuses 8,000 bytes, and the sender's id comes first.</summary>
    private const int NotificationRoom = 7800;

    /// <summary>A message for the executors (<see cref="PostgresExecutionQueue"/>).</summary>
    public readonly record struct Message(int Partition, string ExecutionId, string Event, string? ReplyId);

    /// <summary>
    /// Inserts the messages and notifies the executors, at commit, with the rows themselves when they fit
    /// (<c>[[id, partition, execution id, event, reply id, the stored execution of a Tick], ...]</c>; else nothing but
    /// the sender): an executor hands them over without reading them back.
    /// </summary>
    public static PostgresRowStatement<Message> Insert(string channel, string sender) => new(
        """
        WITH queued AS (
            INSERT INTO execution_queue (partition, execution_id, event, reply_id)
            SELECT * FROM unnest(@partitions, @ids, @events, @replies)
            RETURNING id, partition, execution_id, event, reply_id)
        SELECT pg_notify(@channel, @sender || CASE WHEN octet_length(m.rows) <= @room THEN m.rows ELSE '' END)
        FROM (SELECT json_agg(json_build_array(q.id, q.partition, q.execution_id, q.event, q.reply_id,
                     CASE WHEN q.event LIKE '{"type":"Tick"%' THEN (SELECT e.json FROM executions e WHERE e.id = q.execution_id) END)
                     ORDER BY q.id)::text AS rows
              FROM queued q) m
        """,
        (command, rows) => command
            .Array("partitions", NpgsqlDbType.Integer, rows.Select(r => r.Partition))
            .Array("ids", NpgsqlDbType.Text, rows.Select(r => r.ExecutionId))
            .Array("events", NpgsqlDbType.Text, rows.Select(r => r.Event))
            .Array("replies", NpgsqlDbType.Text, rows.Select(r => r.ReplyId))
            .Text("channel", channel)
            .Text("sender", sender)
            .Int("room", NotificationRoom));

    /// <summary>Messages whose effect the batch stores, by id.</summary>
    public static readonly PostgresRowStatement<long> Delete = new(
        "DELETE FROM execution_queue WHERE id = ANY(@ids)",
        (command, ids) => command.Array("ids", NpgsqlDbType.Bigint, ids));
}
