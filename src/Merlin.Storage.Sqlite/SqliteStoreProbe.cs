using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// Probes the database with a real committed write through the single writer: <c>user_version</c> (unused by the
/// migrator) is rewritten with its own value, which dirties the header page and syncs like any commit.
/// </summary>
internal sealed class SqliteStoreProbe(SqliteDatabase database) : IStoreProbe
{
    /// <summary>The part of the store the writer and this probe report on.</summary>
    public const string Part = "database";

    public string Name => Part;

    public Task ProbeAsync(CancellationToken cancellationToken) => database.WriteAsync(
        context =>
        {
            var version = context.Command("PRAGMA user_version").ExecuteScalar();
            context.Command($"PRAGMA user_version = {Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture)}").ExecuteNonQuery();
            return true;
        },
        cancellationToken);
}
