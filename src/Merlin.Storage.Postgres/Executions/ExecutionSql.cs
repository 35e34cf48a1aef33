using Merlin.Core.Executions;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>The statements of <see cref="PostgresExecutionRepository"/>.</summary>
internal static class ExecutionSql
{
    public const string Upsert = """
        INSERT INTO executions (id, namespace, flow_id, state, start_date, end_date, parent_id, trigger_id, labels, deleted, json, kind)
        VALUES (@id, @namespace, @flow_id, @state, @start_date, @end_date, @parent_id, @trigger_id, @labels, @deleted, @json, @kind)
        ON CONFLICT (id) DO UPDATE SET
            namespace = excluded.namespace, flow_id = excluded.flow_id, state = excluded.state,
            start_date = excluded.start_date, end_date = excluded.end_date, parent_id = excluded.parent_id,
            trigger_id = excluded.trigger_id, labels = excluded.labels, deleted = excluded.deleted, json = excluded.json,
            kind = excluded.kind
        """;

    /// <summary><see cref="Upsert"/> for many rows: each column an array.</summary>
    public const string UpsertMany = """
        INSERT INTO executions (id, namespace, flow_id, state, start_date, end_date, parent_id, trigger_id, labels, deleted, json, kind)
        SELECT * FROM unnest(@id, @namespace, @flow_id, @state, @start_date, @end_date, @parent_id, @trigger_id, @labels, @deleted, @json, @kind)
        ON CONFLICT (id) DO UPDATE SET
            namespace = excluded.namespace, flow_id = excluded.flow_id, state = excluded.state,
            start_date = excluded.start_date, end_date = excluded.end_date, parent_id = excluded.parent_id,
            trigger_id = excluded.trigger_id, labels = excluded.labels, deleted = excluded.deleted, json = excluded.json,
            kind = excluded.kind
        """;

    public const string Get = "SELECT json FROM executions WHERE id = @id";

    public const string Delete = "DELETE FROM executions WHERE id = @id";

    public const string Count = """
        SELECT COUNT(*)::integer FROM executions WHERE namespace = @ns AND flow_id = @flow_id AND NOT deleted AND state = ANY(@states)
        """;

    /// <summary>States are enum names, so they are written into the text rather than bound.</summary>
    public static readonly string ListUnfinished =
        $"SELECT json FROM executions WHERE NOT deleted AND state IN ({Unfinished()}) ORDER BY start_date, id";

    public const string PurgeIdempotencyKeys = "DELETE FROM execution_idempotency_keys WHERE expires_at <= @now";

    public const string ClaimIdempotencyKey = """
        INSERT INTO execution_idempotency_keys (key, execution_id, expires_at) VALUES (@key, @execution_id, @expires_at)
        ON CONFLICT (key) DO NOTHING
        """;

    public const string IdempotencyKeyOwner = "SELECT execution_id FROM execution_idempotency_keys WHERE key = @key";

    private static string Unfinished() => string.Join(
        ", ",
        Enum.GetValues<StateType>().Where(s => !s.IsTerminated()).Select(s => $"'{s}'"));
}
