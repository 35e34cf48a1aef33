using Merlin.Core.Executions;
using Merlin.Core.Json;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>An execution flattened to its table row; built by the caller so JSON work stays off the writer.</summary>
internal sealed record ExecutionRow(Execution Execution, string Json, string Labels)
{
    public static ExecutionRow From(Execution execution) =>
        new(execution, EndedExecutionJson.Serialize(execution), execution.Labels.IsEmpty ? "[]" : KestraJson.Serialize(execution.Labels));

    /// <summary>Saves the row with the batch's other deferred statements (<see cref="PostgresWriteContext.Defer"/>).</summary>
    public Task UpsertAsync(PostgresWriteContext context)
    {
        var e = Execution;
        context.Defer(ExecutionSql.Upsert, command => command.Text("id", e.Id)
            .Text("namespace", e.Namespace)
            .Text("flow_id", e.FlowId)
            .Text("state", e.State.Current.ToString())
            .Date("start_date", e.State.StartDate)
            .Date("end_date", e.State.EndDate)
            .Text("parent_id", e.ParentId)
            .Text("trigger_id", e.Trigger?.Id)
            .Jsonb("labels", Labels)
            .Bool("deleted", e.Deleted)
            .Text("json", Json)
            .Text("kind", e.Kind));
        return Task.CompletedTask;
    }
}
