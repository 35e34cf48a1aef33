using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>Which SQLite errors mean the store, not the write, failed.</summary>
internal static class SqliteFaults
{
    private const int Perm = 3;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    /// <summary>The store fault behind <paramref name="exception"/>, or null when the write itself is to blame.</summary>
    public static StorageFaultException? From(Exception exception) => exception switch
    {
        SqliteException e when (e.SqliteErrorCode & 0xFF) == Full =>
            new StorageFaultException($"The database is full: {e.Message}", diskFull: true, e),
        SqliteException e when (e.SqliteErrorCode & 0xFF) is Perm or ReadOnly or IoErr or CantOpen =>
            new StorageFaultException($"The database is not writable: {e.Message}", diskFull: false, e),
        _ => StorageFaultException.From(exception),
    };
}
