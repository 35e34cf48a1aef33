using Merlin.Core.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>Which PostgreSQL errors mean the store, not the write, failed.</summary>
internal static class PostgresFaults
{
    /// <summary>The store fault behind <paramref name="exception"/>, or null when the write itself is to blame.</summary>
    public static StorageFaultException? From(Exception exception) => exception switch
    {
        StorageFaultException fault => fault,
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } e =>
            new StorageFaultException($"The database is full: {e.MessageText}", diskFull: true, e),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } e =>
            new StorageFaultException($"The database is read-only: {e.MessageText}", diskFull: false, e),
        PostgresException e when IsUnavailable(e.SqlState) =>
            new StorageFaultException($"The database is unavailable: {e.MessageText}", diskFull: false, e),
        PostgresException => null,
        NpgsqlException e => new StorageFaultException($"The database cannot be reached: {e.Message}", diskFull: false, e),
        TimeoutException e => new StorageFaultException($"The database did not answer in time: {e.Message}", diskFull: false, e),
        _ => null,
    };

    // 08: connection exceptions; 53: insufficient resources; 57P: operator intervention (shutdown, cannot connect now);
    // 58: system errors (I/O).
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal);
}
