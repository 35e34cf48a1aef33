using Merlin.Core.Storage;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>Replay attempts in the <c>recovery_attempts</c> table, written through the single writer (durable when the task completes).</summary>
public sealed class PostgresRecoveryJournal(PostgresDatabase database) : IRecoveryJournal
{
    private const string Increment = """
        INSERT INTO recovery_attempts (execution_id, attempts) VALUES (@id, 1)
        ON CONFLICT (execution_id) DO UPDATE SET attempts = recovery_attempts.attempts + 1
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
            async context =>
            {
                var counts = new Dictionary<string, int>(executionIds.Count);
                foreach (var id in executionIds)
                {
                    await using var command = await context.CommandAsync(Increment);
                    counts[id] = (int)(await command.Text("id", id).ExecuteScalarAsync())!;
                }

                return counts;
            },
            cancellationToken);
    }

    public Task ClearAsync(string executionId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM recovery_attempts WHERE execution_id = @id", c => c.Text("id", executionId), cancellationToken);

    public Task ClearAllAsync(CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM recovery_attempts", _ => { }, cancellationToken);
}
