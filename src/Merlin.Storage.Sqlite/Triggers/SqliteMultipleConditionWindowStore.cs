using Merlin.Core.Json;
using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite.Triggers;

/// <summary>MultipleCondition and preconditions windows, one JSON document per flow and condition id.</summary>
public sealed class SqliteMultipleConditionWindowStore(SqliteDatabase database) : IMultipleConditionWindowStore
{
    private const string Upsert = """
        INSERT INTO multiple_condition_windows (namespace, flow_id, condition_id, end_date, json)
        VALUES (@namespace, @flow_id, @condition_id, @end_date, @json)
        ON CONFLICT (namespace, flow_id, condition_id) DO UPDATE SET end_date = excluded.end_date, json = excluded.json
        """;

    private const string Select = "SELECT json FROM multiple_condition_windows WHERE namespace = @namespace AND flow_id = @flow_id AND condition_id = @condition_id";

    private const string Delete = "DELETE FROM multiple_condition_windows WHERE namespace = @namespace AND flow_id = @flow_id AND condition_id = @condition_id";

    private const string DeleteExpired = "DELETE FROM multiple_condition_windows WHERE end_date < @now";

    public Task<MultipleConditionWindow?> GetAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(read =>
        {
            var command = read.Command(Select).Set("@namespace", @namespace).Set("@flow_id", flowId).Set("@condition_id", conditionId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? KestraJson.Deserialize<MultipleConditionWindow>(reader.GetString(0)) ?? throw new InvalidDataException("Stored window is JSON null.")
                : null;
        }));

    public Task SaveAsync(MultipleConditionWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var json = KestraJson.Serialize(window);
        return database.WriteAsync(
            context => context.Command(Upsert)
                .Set("@namespace", window.Namespace)
                .Set("@flow_id", window.FlowId)
                .Set("@condition_id", window.ConditionId)
                .Set("@end_date", SqliteDates.ToText(window.End))
                .Set("@json", json)
                .ExecuteNonQuery(),
            cancellationToken);
    }

    public Task DeleteAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            context => context.Command(Delete).Set("@namespace", @namespace).Set("@flow_id", flowId).Set("@condition_id", conditionId).ExecuteNonQuery(),
            cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command(DeleteExpired).Set("@now", SqliteDates.ToText(now)).ExecuteNonQuery(), cancellationToken);
}
