using System.Text.Json;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Trigger changes across processes: this process's listeners hear them at once, the others are notified (namespace,
/// flow, trigger) and hand the key to theirs (the scheduler re-reads that trigger's stored state).
/// </summary>
public sealed class PostgresTriggerChanges : ITriggerChanges, IDisposable
{
    internal const string Channel = "triggers";

    private readonly InProcessTriggerChanges local = new();
    private readonly PostgresNotifications notifications;
    private readonly ILogger logger;
    private readonly IDisposable listening;

    public PostgresTriggerChanges(PostgresNotifications notifications, ILogger<PostgresTriggerChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        this.notifications = notifications;
        this.logger = logger;

        // Listeners take the key without blocking (they only queue a re-read), so they run on the listening loop.
        listening = notifications.Listen(Channel, payload =>
        {
            if (ChangeNoticeJson.Read(payload, ChangeNoticeJson.Default.TriggerNotice) is { Namespace: not null, FlowId: not null, TriggerId: not null } notice)
            {
                _ = local.PublishAsync(new TriggerKey(notice.Namespace, notice.FlowId, notice.TriggerId), CancellationToken.None);
            }
        });
    }

    public async Task PublishAsync(TriggerKey trigger, CancellationToken cancellationToken)
    {
        await local.PublishAsync(trigger, cancellationToken);
        var payload = JsonSerializer.Serialize(new TriggerNotice(trigger.Namespace, trigger.FlowId, trigger.TriggerId), ChangeNoticeJson.Default.TriggerNotice);
        await ChangeNotifier.NotifyAsync(notifications, Channel, payload, logger, cancellationToken);
    }

    public IDisposable Subscribe(Action<TriggerKey> listener) => local.Subscribe(listener);

    public void Dispose() => listening.Dispose();
}
