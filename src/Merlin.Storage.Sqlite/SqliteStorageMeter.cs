namespace Merlin.Storage.Sqlite;

/// <summary>The name of the meter the storage backends (SQLite and PostgreSQL) report to, for the host to listen to.</summary>
public static class SqliteStorageMeter
{
    public const string Name = Merlin.Runtime.Storage.GroupCommitMetrics.MeterName;
}
