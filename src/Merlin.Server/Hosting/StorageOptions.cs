using Merlin.Storage.Postgres;

namespace Merlin.Server.Hosting;

/// <summary>Which backend stores everything (<c>Merlin:Storage</c>): SQLite in the data directory (default) or PostgreSQL.</summary>
public sealed class StorageOptions
{
    public const string SqliteType = "sqlite";
    public const string PostgresType = "postgres";

    /// <summary><c>sqlite</c> (default, zero configuration) or <c>postgres</c> (<c>Merlin__Storage__Type=postgres</c>).</summary>
    public string Type { get; set; } = SqliteType;

    /// <summary>The PostgreSQL settings (<c>Merlin__Storage__Postgres__ConnectionString</c>, <c>...__Files</c>, <c>...__FilesDirectory</c>).</summary>
    public PostgresStorageOptions Postgres { get; set; } = new();

    public bool IsPostgres => Validate() == PostgresType;

    /// <summary>The backend's name in lower case; an unknown one is refused with the accepted names.</summary>
    public string Validate() => Type.Trim().ToLowerInvariant() switch
    {
        SqliteType => SqliteType,
        PostgresType or "postgresql" => PostgresType,
        _ => throw new InvalidOperationException($"Merlin:Storage:Type '{Type}' is not a storage backend: use {SqliteType} (the default) or {PostgresType}"),
    };
}
