using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Storage.Postgres.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>An execution flattened to its table row; built by the caller so JSON work stays off the writer.</summary>
internal sealed record ExecutionRow(Execution Execution, string Json, string Labels)
{
    public static ExecutionRow From(Execution execution) =>
        new(execution, EndedExecutionJson.Serialize(execution), execution.Labels.IsEmpty ? "[]" : KestraJson.Serialize(execution.Labels));

    /// <summary>The upsert of executions: a batch's saves in one statement, the later of two saves of one execution kept.</summary>
    internal static readonly PostgresRowStatement<ExecutionRow> Upsert = new(ExecutionSql.UpsertMany, BindMany, ExecutionSql.Upsert, BindOne, row => row.Execution.Id);

    /// <summary>
    /// Saves the row with the batch's other deferred statements (<see cref="PostgresWriteContext.DeferRows{TRow}"/>). When
    /// other processes listen, the same transaction announces the change (<see cref="PostgresExecutionChanges"/>): they
    /// hear of it when it is committed, never before, and no extra transaction carries the notice.
    /// </summary>
    public void Save(PostgresWriteContext context, PostgresNotifications? notifications)
    {
        context.DeferRows(Upsert, [this]);
        PostgresExecutionChanges.AnnounceWithin(context, notifications, Execution, Json);
    }

    private static void BindOne(NpgsqlCommand command, ExecutionRow row)
    {
        var e = row.Execution;
        command.Text("id", e.Id)
            .Text("namespace", e.Namespace)
            .Text("flow_id", e.FlowId)
            .Text("state", e.State.Current.ToString())
            .Date("start_date", e.State.StartDate)
            .Date("end_date", e.State.EndDate)
            .Text("parent_id", e.ParentId)
            .Text("trigger_id", e.Trigger?.Id)
            .Jsonb("labels", row.Labels)
            .Bool("deleted", e.Deleted)
            .Text("json", row.Json)
            .Text("kind", e.Kind);
    }

    private static void BindMany(NpgsqlCommand command, IReadOnlyList<ExecutionRow> rows) =>
        command.Array("id", NpgsqlDbType.Text, rows.Select(r => r.Execution.Id))
            .Array("namespace", NpgsqlDbType.Text, rows.Select(r => r.Execution.Namespace))
            .Array("flow_id", NpgsqlDbType.Text, rows.Select(r => r.Execution.FlowId))
            .Array("state", NpgsqlDbType.Text, rows.Select(r => r.Execution.State.Current.ToString()))
            .Array("start_date", NpgsqlDbType.Text, rows.Select(r => PostgresDates.ToText(r.Execution.State.StartDate)))
            .Array("end_date", NpgsqlDbType.Text, rows.Select(r => PostgresDates.ToText(r.Execution.State.EndDate)))
            .Array("parent_id", NpgsqlDbType.Text, rows.Select(r => r.Execution.ParentId))
            .Array("trigger_id", NpgsqlDbType.Text, rows.Select(r => r.Execution.Trigger?.Id))
            .Array("labels", NpgsqlDbType.Jsonb, rows.Select(r => r.Labels))
            .Array("deleted", NpgsqlDbType.Boolean, rows.Select(r => r.Execution.Deleted))
            .Array("json", NpgsqlDbType.Text, rows.Select(r => r.Json))
            .Array("kind", NpgsqlDbType.Text, rows.Select(r => r.Execution.Kind));
}
