using System.Globalization;
using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite.Executions;

/// <summary>Replay attempts in the <c>recovery_attempts</c> table, written through the single writer (durable when the task completes).</summary>
public sealed class SqliteRecoveryJournal(SqliteDatabase database) : IRecoveryJournal
{
    private const string Increment = """
        INSERT INTO recovery_attempts (execution_id, attempts) VALUES (@id, 1)
        ON CONFLICT (execution_id) DO UPDATE SET attempts = attempts + 1
        RETURNING attempts
        """;

    public Task<IReadOnlyDictionary<string, int>> RecordAttemptsAsync(IReadOnlyCollection<string> executionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionIds);
        if (executionIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>());
        }

        return database.WriteAsync<IReadOnlyDictionary<string, int>>(
            context =>
            {
                var counts = new Dictionary<string, int>(executionIds.Count);
                foreach (var id in executionIds)
                {
                    counts[id] = Convert.ToInt32(context.Command(Increment).Set("@id", id).ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                return counts;
            },
            cancellationToken);
    }

    public Task ClearAsync(string executionId, CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command("DELETE FROM recovery_attempts WHERE execution_id = @id").Set("@id", executionId).ExecuteNonQuery(), cancellationToken);

    public Task ClearAllAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command("DELETE FROM recovery_attempts").ExecuteNonQuery(), cancellationToken);
}
