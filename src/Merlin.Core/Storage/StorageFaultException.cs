namespace Merlin.Core.Storage;

/// <summary>
/// The store itself cannot take writes: the disk is full (<see cref="DiskFull"/>) or the data directory is read-only
/// or failing. Not the fault of the write that met it: retrying once the store recovers succeeds. The API answers
/// 507 (disk full) or 503, both with <c>Retry-After</c>.
/// </summary>
public sealed class StorageFaultException : IOException
{
    // errno values (Linux) and Win32 error codes that mean "no space" or "cannot write here".
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;
    private const int WinDiskFull = unchecked((int)0x80070070);
    private const int WinHandleDiskFull = unchecked((int)0x80070027);
    private const int WinWriteProtect = unchecked((int)0x80070013);

    public StorageFaultException(string message, bool diskFull, Exception? inner = null)
        : base(message, inner) => DiskFull = diskFull;

    /// <summary>True when space ran out (disk or quota); false when the store is unwritable for another reason.</summary>
    public bool DiskFull { get; }

    /// <summary>
    /// The fault behind a file-system error, or null when <paramref name="exception"/> is something else (a missing
    /// file, a bad path). Keeps the original as the inner exception.
    /// </summary>
    public static StorageFaultException? From(Exception exception) => exception switch
    {
        StorageFaultException fault => fault,
        IOException { HResult: Enospc or Edquot or WinDiskFull or WinHandleDiskFull } e =>
            new StorageFaultException($"The data directory is full: {e.Message}", diskFull: true, e),
        IOException { HResult: Erofs or WinWriteProtect } e =>
            new StorageFaultException($"The data directory is read-only: {e.Message}", diskFull: false, e),
        UnauthorizedAccessException e =>
            new StorageFaultException($"The data directory is not writable: {e.Message}", diskFull: false, e),
        _ => null,
    };
}
