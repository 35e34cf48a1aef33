using Merlin.Core.Storage;
using Merlin.Runtime.Cluster;
using Merlin.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Roles leased in the <c>leases</c> table: a process takes a role that is free or whose lease expired, and renews it
/// every heartbeat; one that cannot renew gives the role up before the database would let another take it (so two
/// schedulers never act at once), and a graceful stop frees it at once.
/// </summary>
public sealed class PostgresLeadership(PostgresDatabase database, ClusterOptions cluster, LocalInstance instance, TimeProvider clock,
    ILogger<PostgresLeadership> logger) : ILeadership
{
    public async Task<CancellationToken> AcquireAsync(string role, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = clock.GetTimestamp();
            try
            {
                if (await TryTakeAsync(role, cancellationToken))
                {
                    logger.LogInformation("{Instance} holds the {Role} role", instance.Id, role);
                    var lost = new CancellationTokenSource();
                    _ = HoldAsync(role, started, lost, cancellationToken);
                    return lost.Token;
                }
            }
            catch (StorageFaultException e)
            {
                logger.LogDebug("Could not ask for the {Role} role: {Fault}", role, e.Message);
            }

            await Task.Delay(cluster.HeartbeatInterval, clock, cancellationToken);
        }
    }

    private async Task<bool> TryTakeAsync(string role, CancellationToken cancellationToken)
    {
        var taken = await database.WriteAsync(
            async context =>
            {
                await using var command = await context.CommandAsync("""
                    INSERT INTO leases (name, owner, expires_at) VALUES (@role, @me, now() + @lease)
                    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                    WHERE leases.owner = excluded.owner OR leases.expires_at < now()
                    """);
                command.Text("role", role).Text("me", instance.Id);
                command.Parameters.AddWithValue("lease", cluster.LivenessTimeout);
                return await command.ExecuteNonQueryAsync();
            },
            cancellationToken);
        return taken == 1;
    }

    /// <summary>Renews the lease until the process stops (then frees it) or cannot renew in time (then cancels <paramref name="lost"/>).</summary>
    private async Task HoldAsync(string role, long lastRenewal, CancellationTokenSource lost, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(cluster.HeartbeatInterval, clock, stopping);
                var started = clock.GetTimestamp();
                try
                {
                    var renewed = await database.ExecuteAsync(
                        "UPDATE leases SET expires_at = now() + @lease WHERE name = @role AND owner = @me",
                        c =>
                        {
                            c.Text("role", role).Text("me", instance.Id);
                            c.Parameters.AddWithValue("lease", cluster.LivenessTimeout);
                        },
                        stopping);
                    if (renewed == 0)
                    {
                        logger.LogWarning("{Instance} lost the {Role} role to another process", instance.Id, role);
                        break;
                    }

                    lastRenewal = started;
                }
                catch (StorageFaultException e) when (clock.GetElapsedTime(lastRenewal) > cluster.LivenessTimeout - cluster.HeartbeatInterval)
                {
                    logger.LogWarning("{Instance} gives up the {Role} role: its lease could not be renewed in time ({Fault})", instance.Id, role, e.Message);
                    break;
                }
                catch (StorageFaultException)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await FreeAsync(role);
        }
        finally
        {
            await lost.CancelAsync();
            lost.Dispose();
        }
    }

    private async Task FreeAsync(string role)
    {
        try
        {
            await database.ExecuteAsync("DELETE FROM leases WHERE name = @role AND owner = @me",
                c => c.Text("role", role).Text("me", instance.Id), CancellationToken.None);
        }
        catch (Exception e) when (e is StorageFaultException or ObjectDisposedException)
        {
            logger.LogDebug("Could not free the {Role} role at stop; it expires: {Fault}", role, e.Message);
        }
    }
}
