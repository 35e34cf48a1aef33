namespace Merlin.Storage.Sqlite;

/// <summary>The name of the meter the SQLite backend reports to, for the host to listen to.</summary>
public static class SqliteStorageMeter
{
    public const string Name = SqliteMetrics.MeterName;
}
