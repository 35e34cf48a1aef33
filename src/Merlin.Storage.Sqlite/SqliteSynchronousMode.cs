namespace Merlin.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels that make sense with WAL.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is fsynced: nothing acknowledged is lost, even on power failure.</summary>
    Full,

    /// <summary>WAL is fsynced only at checkpoints: safe against process crashes, may lose the last commits on power failure.</summary>
    Normal,
}
