using Merlin.Core.Storage;
using Merlin.Runtime.Cluster;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Executor partitions leased in <c>executor_partitions</c>: an executor renews its leases every heartbeat and takes
/// free or expired ones up to its share; one that stops renewing (dead, cut off) loses them after
/// <see cref="ClusterOptions.LivenessTimeout"/> to the others, which replay their unfinished executions. The
/// holder gives up a lease it could not renew before the database would let another take it (its own clock runs from
/// before the renewal it last saw commit), so two executors never hold one partition. A graceful stop saves what is
/// pending and frees its partitions at once.
/// </summary>
public sealed class PostgresPartitionLeases(PostgresDatabase database, ClusterOptions cluster, LocalInstance instance, TimeProvider clock,
    ILogger<PostgresPartitionLeases> logger) : IExecutionOwnership
{
    private volatile int[] _owned = [];

    /// <summary>The partitions this executor reads now.</summary>
    public IReadOnlyList<int> Owned => _owned;

    /// <summary>Raised when <see cref="Owned"/> gains partitions (the queue reads them at once).</summary>
    public event Action? Acquired;

    /// <summary>
    /// Awaited when partitions are handed over, after the executor let go of them and before their leases are freed: what
    /// this process keeps of them in memory only (local events, jobs) is written for the next owner.
    /// </summary>
    public event Func<IReadOnlyList<int>, Task>? Releasing;

    public async Task RunAsync(IExecutionOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var lastRenewal = clock.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = clock.GetTimestamp();
                try
                {
                    await RenewAsync(owner, cancellationToken);
                    lastRenewal = started;
                    await AcquireAsync(owner, cancellationToken);
                }
                catch (StorageFaultException e)
                {
                    if (_owned.Length > 0 && clock.GetElapsedTime(lastRenewal) > cluster.LivenessTimeout - cluster.HeartbeatInterval)
                    {
                        logger.LogWarning("Could not renew the leases of executor partitions {Partitions} in time; they are given up: {Fault}",
                            string.Join(",", _owned), e.Message);
                        var lost = _owned;
                        _owned = [];
                        owner.Lost(lost);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A replay that failed (not the store): its partitions are not read, so their leases lapse and are taken again.
                    logger.LogError(e, "Taking executor partitions failed; retried at the next heartbeat");
                }

                await Task.Delay(cluster.HeartbeatInterval, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await ReleaseAsync(owner);
    }

    private async Task RenewAsync(IExecutionOwner owner, CancellationToken cancellationToken)
    {
        if (_owned.Length == 0)
        {
            return;
        }

        var owned = _owned;
        var renewed = await database.WriteAsync(
            async context =>
            {
                // Only the partitions it reads: one whose replay failed after it was leased expires and is taken again.
                await using var command = await context.CommandAsync(
                    "UPDATE executor_partitions SET expires_at = now() + @lease WHERE owner = @me AND partition = ANY(@owned) RETURNING partition");
                command.Parameters.AddWithValue("lease", cluster.LivenessTimeout);
                command.Parameters.AddWithValue("me", instance.Id);
                command.Parameters.AddWithValue("owned", owned);
                return await ReadPartitionsAsync(command);
            },
            cancellationToken);
        var lost = _owned.Except(renewed).ToList();
        if (lost.Count > 0)
        {
            logger.LogWarning("Executor partitions {Partitions} were taken over by another executor", string.Join(",", lost));
            _owned = _owned.Intersect(renewed).ToArray();
            owner.Lost(lost);
        }
    }

    /// <summary>
    /// Takes free or expired partitions up to an even share among the live executors (<c>service_instances</c>), and hands
    /// over what is beyond it, so a new executor gets its share within a heartbeat or two.
    /// </summary>
    private async Task AcquireAsync(IExecutionOwner owner, CancellationToken cancellationToken)
    {
        var executors = await database.QueryAsync(
            "SELECT count(*) FROM service_instances WHERE 'executor' = ANY(components) AND id <> @me",
            c => c.Parameters.AddWithValue("me", instance.Id), r => r.GetInt64(0), cancellationToken);
        var share = (int)Math.Ceiling(PostgresPartitions.Count / (double)(executors[0] + 1));
        var wanted = share - _owned.Length;
        if (wanted < 0)
        {
            await HandOverAsync(owner, _owned.Order().TakeLast(-wanted).ToList());
            return;
        }

        if (wanted == 0)
        {
            return;
        }

        var acquired = await database.WriteAsync(
            async context =>
            {
                await using var command = await context.CommandAsync("""
                    UPDATE executor_partitions SET owner = @me, expires_at = now() + @lease
                    WHERE partition IN (SELECT partition FROM executor_partitions
                                        WHERE owner IS NULL OR expires_at < now()
                                        ORDER BY partition LIMIT @wanted FOR UPDATE SKIP LOCKED)
                    RETURNING partition
                    """);
                command.Parameters.AddWithValue("me", instance.Id);
                command.Parameters.AddWithValue("lease", cluster.LivenessTimeout);
                command.Parameters.AddWithValue("wanted", wanted);
                return await ReadPartitionsAsync(command);
            },
            cancellationToken);
        if (acquired.Count == 0)
        {
            return;
        }

        logger.LogInformation("Executor {Instance} took executor partitions {Partitions}", instance.Id, string.Join(",", acquired));
        await owner.AcquiredAsync(acquired, cancellationToken);
        _owned = [.. _owned, .. acquired];
        Acquired?.Invoke();
    }

    /// <summary>More executors than when these partitions were taken: they are handed over for the others to take.</summary>
    private async Task HandOverAsync(IExecutionOwner owner, IReadOnlyList<int> partitions)
    {
        _owned = _owned.Except(partitions).ToArray();
        await owner.ReleaseAsync(partitions);
        await SpillAsync(partitions);
        await database.ExecuteAsync("UPDATE executor_partitions SET owner = NULL, expires_at = NULL WHERE owner = @me AND partition = ANY(@partitions)",
            c =>
            {
                c.Parameters.AddWithValue("me", instance.Id);
                c.Parameters.AddWithValue("partitions", partitions.ToArray());
            },
            CancellationToken.None);
        logger.LogInformation("Executor {Instance} handed executor partitions {Partitions} over to the other executors", instance.Id, string.Join(",", partitions));
    }

    private async Task ReleaseAsync(IExecutionOwner owner)
    {
        var owned = _owned;
        if (owned.Length == 0)
        {
            return;
        }

        try
        {
            _owned = [];
            await owner.ReleaseAsync(owned);
            await SpillAsync(owned);
            await database.ExecuteAsync("UPDATE executor_partitions SET owner = NULL, expires_at = NULL WHERE owner = @me",
                c => c.Parameters.AddWithValue("me", instance.Id), CancellationToken.None);
            logger.LogInformation("Executor {Instance} handed back executor partitions {Partitions}", instance.Id, string.Join(",", owned));
        }
        catch (Exception e) when (e is StorageFaultException or ObjectDisposedException)
        {
            logger.LogWarning("Could not hand back executor partitions at stop; they are taken over when their leases expire: {Fault}", e.Message);
        }
    }

    private async Task SpillAsync(IReadOnlyList<int> partitions)
    {
        foreach (var spill in Releasing?.GetInvocationList().Cast<Func<IReadOnlyList<int>, Task>>() ?? [])
        {
            await spill(partitions);
        }
    }

    private static async Task<List<int>> ReadPartitionsAsync(Npgsql.NpgsqlCommand command)
    {
        var partitions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            partitions.Add(reader.GetInt32(0));
        }

        return partitions;
    }
}
