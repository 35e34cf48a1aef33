using Merlin.Core.Storage;

namespace Merlin.Runtime.Storage;

/// <summary>
/// Answers "does the store take writes now?" for the readiness check. Recent news from real writes is trusted; when
/// the latest write failed, or none succeeded lately, every <see cref="IStoreProbe"/> writes for real, so an idle
/// server notices a full disk, and notices space coming back.
/// </summary>
public sealed class StoreReadiness(StoreHealth health, IEnumerable<IStoreProbe> probes)
{
    /// <summary>How long a successful write vouches for the store without a probe.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    /// <summary>Null when the store is writable, else the fault (the probe's, or the latest write's).</summary>
    public async Task<StorageFaultException?> CheckAsync(CancellationToken cancellationToken)
    {
        if (health.Fault is null && health.SinceLastWrite < Freshness)
        {
            return null;
        }

        foreach (var probe in probes)
        {
            try
            {
                await probe.ProbeAsync(cancellationToken);
                health.ReportWritable(probe.Name);
            }
            catch (StorageFaultException fault)
            {
                health.ReportFault(probe.Name, fault);
                return fault;
            }
        }

        return null;
    }
}
