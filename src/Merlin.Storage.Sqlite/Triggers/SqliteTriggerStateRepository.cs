using Merlin.Core.Json;
using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite.Triggers;

/// <summary>Scheduler state per trigger, stored as one JSON document keyed by namespace, flow and trigger id.</summary>
public sealed class SqliteTriggerStateRepository(SqliteDatabase database) : ITriggerStateRepository
{
    private const string Upsert = """
        INSERT INTO trigger_states (namespace, flow_id, trigger_id, next_execution_date, json)
        VALUES (@namespace, @flow_id, @trigger_id, @next_execution_date, @json)
        ON CONFLICT (namespace, flow_id, trigger_id) DO UPDATE SET
            next_execution_date = excluded.next_execution_date, json = excluded.json
        """;

    private const string Select = """
        SELECT json FROM trigger_states
        WHERE (@namespace IS NULL OR namespace = @namespace) AND (@flow_id IS NULL OR flow_id = @flow_id)
          AND (@trigger_id IS NULL OR trigger_id = @trigger_id)
        ORDER BY namespace, flow_id, trigger_id
        """;

    private const string Delete = "DELETE FROM trigger_states WHERE namespace = @namespace AND flow_id = @flow_id AND trigger_id = @trigger_id";

    public Task<TriggerState?> GetAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(@namespace, flowId, triggerId).FirstOrDefault());

    public Task SaveAsync(TriggerState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = KestraJson.Serialize(state);
        return database.WriteAsync(
            context => context.Command(Upsert)
                .Set("@namespace", state.Namespace)
                .Set("@flow_id", state.FlowId)
                .Set("@trigger_id", state.TriggerId)
                .Set("@next_execution_date", SqliteDates.ToParameter(state.NextExecutionDate))
                .Set("@json", json)
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task<IReadOnlyList<TriggerState>> ListAsync(string? @namespace, string? flowId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TriggerState>>(Query(@namespace, flowId, null));

    public Task DeleteAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            context => context.Command(Delete).Set("@namespace", @namespace).Set("@flow_id", flowId).Set("@trigger_id", triggerId).ExecuteNonQuery(),
            cancellationToken);

    private List<TriggerState> Query(string? @namespace, string? flowId, string? triggerId) => database.Read(read =>
    {
        var command = read.Command(Select);
        command.Set("@namespace", @namespace).Set("@flow_id", flowId).Set("@trigger_id", triggerId);
        using var reader = command.ExecuteReader();
        var states = new List<TriggerState>();
        while (reader.Read())
        {
            states.Add(KestraJson.Deserialize<TriggerState>(reader.GetString(0))
                ?? throw new InvalidDataException("Stored trigger state is JSON null."));
        }

        return states;
    });
}
