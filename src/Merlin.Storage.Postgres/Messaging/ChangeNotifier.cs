using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>Sends a change notification whose loss must not fail the change itself (it is stored already).</summary>
internal static class ChangeNotifier
{
    public static async Task NotifyAsync(PostgresNotifications notifications, string channel, string payload, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.NotifyAsync(channel, payload, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            logger.LogWarning("Could not notify other processes on {Channel} ({Error}); they see the change when their notifications reconnect", channel, e.Message);
        }
    }
}
