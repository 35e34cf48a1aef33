using Merlin.Core.Json;
using Merlin.Core.Storage;

namespace Merlin.Storage.Postgres.Triggers;

/// <summary>MultipleCondition and preconditions windows, one JSON document per flow and condition id.</summary>
public sealed class PostgresMultipleConditionWindowStore(PostgresDatabase database) : IMultipleConditionWindowStore
{
    private const string Upsert = """
        INSERT INTO multiple_condition_windows (namespace, flow_id, condition_id, end_date, json)
        VALUES (@namespace, @flow_id, @condition_id, @end_date, @json)
        ON CONFLICT (namespace, flow_id, condition_id) DO UPDATE SET end_date = excluded.end_date, json = excluded.json
        """;

    private const string Select = "SELECT json FROM multiple_condition_windows WHERE namespace = @namespace AND flow_id = @flow_id AND condition_id = @condition_id";

    private const string Delete = "DELETE FROM multiple_condition_windows WHERE namespace = @namespace AND flow_id = @flow_id AND condition_id = @condition_id";

    private const string DeleteExpired = "DELETE FROM multiple_condition_windows WHERE end_date < @now";

    public async Task<MultipleConditionWindow?> GetAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            Select,
            c => c.Text("namespace", @namespace).Text("flow_id", flowId).Text("condition_id", conditionId),
            reader => KestraJson.Deserialize<MultipleConditionWindow>(reader.GetString(0)) ?? throw new InvalidDataException("Stored window is JSON null."),
            cancellationToken)).FirstOrDefault();

    public Task SaveAsync(MultipleConditionWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var json = KestraJson.Serialize(window);
        return database.ExecuteAsync(
            Upsert,
            c => c.Text("namespace", window.Namespace).Text("flow_id", window.FlowId).Text("condition_id", window.ConditionId)
                .Date("end_date", window.End).Text("json", json),
            cancellationToken);
    }

    public Task DeleteAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Delete, c => c.Text("namespace", @namespace).Text("flow_id", flowId).Text("condition_id", conditionId), cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteAsync(DeleteExpired, c => c.Date("now", now), cancellationToken);
}
