using Merlin.Core.Executions;
using Merlin.Core.Json;

namespace Merlin.Storage.Sqlite.Executions;

/// <summary>An execution flattened to its table row; built by the caller so JSON work stays off the writer (the JSON as UTF-8, as SQLite stores it).</summary>
internal sealed record ExecutionRow(Execution Execution, byte[] Json, string Labels)
{
    public static ExecutionRow From(Execution execution) =>
        new(execution, EndedExecutionJson.SerializeToUtf8(execution), execution.Labels.IsEmpty ? "[]" : KestraJson.Serialize(execution.Labels));

    public void Upsert(SqliteWriteContext context)
    {
        var e = Execution;
        context.Statement(ExecutionSql.Upsert)
            .Set("@id", e.Id)
            .Set("@namespace", e.Namespace)
            .Set("@flow_id", e.FlowId)
            .Set("@state", e.State.Current.ToString())
            .Set("@start_date", SqliteDates.ToText(e.State.StartDate))
            .Set("@end_date", e.State.EndDate is { } end ? SqliteDates.ToText(end) : null)
            .Set("@parent_id", e.ParentId)
            .Set("@trigger_id", e.Trigger?.Id)
            .Set("@labels", Labels)
            .Set("@deleted", e.Deleted)
            .SetUtf8("@json", Json)
            .Set("@kind", e.Kind)
            .Execute();
    }
}
