using System.Collections.Concurrent;

namespace Merlin.Core.Storage;

/// <summary>
/// Whether each part of the store (<c>database</c>, <c>files</c>) took its latest write: backends report every
/// committed write and every <see cref="StorageFaultException"/>; readiness reads it, and probes the store when the
/// news is stale or bad.
/// </summary>
public sealed class StoreHealth(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, StorageFaultException> faults = new(StringComparer.Ordinal);
    private long lastWriteTimestamp = long.MinValue;

    /// <summary>A fault met by the latest write of some part, or null when every part's latest write succeeded.</summary>
    public StorageFaultException? Fault => faults.IsEmpty ? null : faults.Values.FirstOrDefault();

    /// <summary>Time since the latest successful write (<see cref="TimeSpan.MaxValue"/> before the first one).</summary>
    public TimeSpan SinceLastWrite
    {
        get
        {
            var last = Interlocked.Read(ref lastWriteTimestamp);
            return last == long.MinValue ? TimeSpan.MaxValue : clock.GetElapsedTime(last);
        }
    }

    public void ReportWritable(string part)
    {
        Interlocked.Exchange(ref lastWriteTimestamp, clock.GetTimestamp());
        faults.TryRemove(part, out _);
    }

    public void ReportFault(string part, StorageFaultException fault) => faults[part] = fault;
}
