namespace Merlin.Storage.Postgres;

/// <summary>Where the PostgreSQL backend keeps internal storage files.</summary>
public enum PostgresFileStorageMode
{
    /// <summary>In the database (tables <c>files</c> and <c>file_chunks</c>): a cluster needs nothing else.</summary>
    Database,

    /// <summary>In a directory every process shares (a network file system), as the SQLite backend's local files.</summary>
    Directory,
}
