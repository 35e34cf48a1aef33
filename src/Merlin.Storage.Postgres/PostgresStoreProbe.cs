using Merlin.Core.Storage;

namespace Merlin.Storage.Postgres;

/// <summary>Probes the database with a real committed write through the single writer: the one row of <c>store_probe</c>.</summary>
internal sealed class PostgresStoreProbe(PostgresDatabase database) : IStoreProbe
{
    /// <summary>The part of the store the writer and this probe report on.</summary>
    public const string Part = "database";

    public string Name => Part;

    public Task ProbeAsync(CancellationToken cancellationToken) => database.WriteAsync(
        async context =>
        {
            await using var command = await context.CommandAsync("UPDATE store_probe SET probed_at = now() WHERE id = 1");
            return await command.ExecuteNonQueryAsync();
        },
        cancellationToken);
}
