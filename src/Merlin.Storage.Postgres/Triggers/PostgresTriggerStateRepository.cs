using Merlin.Core.Json;
using Merlin.Core.Storage;

namespace Merlin.Storage.Postgres.Triggers;

/// <summary>Scheduler state per trigger, stored as one JSON document keyed by namespace, flow and trigger id.</summary>
public sealed class PostgresTriggerStateRepository(PostgresDatabase database) : ITriggerStateRepository
{
    private const string Upsert = """
        INSERT INTO trigger_states (namespace, flow_id, trigger_id, next_execution_date, json)
        VALUES (@namespace, @flow_id, @trigger_id, @next_execution_date, @json)
        ON CONFLICT (namespace, flow_id, trigger_id) DO UPDATE SET
            next_execution_date = excluded.next_execution_date, json = excluded.json
        """;

    private const string Select = """
        SELECT json FROM trigger_states
        WHERE (@namespace::text IS NULL OR namespace = @namespace) AND (@flow_id::text IS NULL OR flow_id = @flow_id)
          AND (@trigger_id::text IS NULL OR trigger_id = @trigger_id)
        ORDER BY namespace, flow_id, trigger_id
        """;

    private const string Delete = "DELETE FROM trigger_states WHERE namespace = @namespace AND flow_id = @flow_id AND trigger_id = @trigger_id";

    public async Task<TriggerState?> GetAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken) =>
        (await Query(@namespace, flowId, triggerId, cancellationToken)).FirstOrDefault();

    public Task SaveAsync(TriggerState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = KestraJson.Serialize(state);
        return database.ExecuteAsync(
            Upsert,
            c => c.Text("namespace", state.Namespace).Text("flow_id", state.FlowId).Text("trigger_id", state.TriggerId)
                .Date("next_execution_date", state.NextExecutionDate).Text("json", json),
            cancellationToken);
    }

    public async Task<IReadOnlyList<TriggerState>> ListAsync(string? @namespace, string? flowId, CancellationToken cancellationToken) =>
        await Query(@namespace, flowId, null, cancellationToken);

    public Task DeleteAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Delete, c => c.Text("namespace", @namespace).Text("flow_id", flowId).Text("trigger_id", triggerId), cancellationToken);

    private Task<List<TriggerState>> Query(string? @namespace, string? flowId, string? triggerId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            Select,
            c => c.Text("namespace", @namespace).Text("flow_id", flowId).Text("trigger_id", triggerId),
            reader => KestraJson.Deserialize<TriggerState>(reader.GetString(0)) ?? throw new InvalidDataException("Stored trigger state is JSON null."),
            cancellationToken);
}
