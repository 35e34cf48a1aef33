using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Storage;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Microsoft.Extensions.Logging;

#pragma warning disable VSTHRD002 // IDisposable.Dispose for callers without await (DI disposes asynchronously)

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Flow changes across processes: this process's listeners hear them at once, the others are notified (namespace, id,
/// revision) and read and parse that revision before handing it to theirs (the scheduler reloads its triggers, the flow
/// service drops a cached latest revision). When the listening connection comes back, the live flows are read again and
/// every revision this process did not hear of is handed on, since notifications of the outage were lost.
/// </summary>
public sealed class PostgresFlowChanges : IFlowChanges, IAsyncDisposable, IDisposable
{
    internal const string Channel = "flows";

    private readonly InProcessFlowChanges local = new();
    private readonly Listeners<string> changing = new();
    private readonly PostgresNotifications notifications;
    private readonly IFlowRepository repository;
    private readonly FlowParser parser;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<(string Namespace, string Id), int> known = new();
    private readonly Channel<FlowNotice?> received = System.Threading.Channels.Channel.CreateUnbounded<FlowNotice?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly IDisposable listening;
    private readonly IDisposable onReconnected;
    private readonly Task loop;
    private int disposed;

    public PostgresFlowChanges(PostgresNotifications notifications, IFlowRepository repository, FlowParser parser, ILogger<PostgresFlowChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        this.notifications = notifications;
        this.repository = repository;
        this.parser = parser;
        this.logger = logger;
        loop = Task.Run(() => ReadAsync(stopping.Token));
        listening = notifications.Listen(Channel, payload =>
        {
            if (ChangeNoticeJson.Read(payload, ChangeNoticeJson.Default.FlowNotice) is { Namespace: not null, Id: not null } notice)
            {
                changing.Publish(""); // on the listening loop, before any notice committed after this one is dispatched
                received.Writer.TryWrite(notice);
            }
        });
        onReconnected = notifications.OnReconnected(() =>
        {
            changing.Publish("");
            received.Writer.TryWrite(null); // null: read every live flow again
        });
    }

    public async Task PublishAsync(Flow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        Remember(flow);
        changing.Publish("");
        await local.PublishAsync(flow, cancellationToken);
        var payload = JsonSerializer.Serialize(new FlowNotice(flow.Namespace, flow.Id, flow.Revision, flow.Deleted), ChangeNoticeJson.Default.FlowNotice);
        await ChangeNotifier.NotifyAsync(notifications, Channel, payload, logger, cancellationToken);
    }

    public IDisposable Subscribe(Action<Flow> listener) => local.Subscribe(listener);

    public IDisposable OnChanging(Action listener) => changing.Add(_ => listener());

    /// <summary>True when <paramref name="flow"/> is newer than any revision of it heard of here.</summary>
    private bool Remember(Flow flow)
    {
        var newer = false;
        known.AddOrUpdate(
            (flow.Namespace, flow.Id),
            _ =>
            {
                newer = true;
                return flow.Revision;
            },
            (_, revision) =>
            {
                newer = flow.Revision > revision;
                return newer ? flow.Revision : revision;
            });
        return newer;
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var notice in received.Reader.ReadAllAsync(stop))
            {
                try
                {
                    var records = notice is null
                        ? await repository.ListLiveAsync(null, stop)
                        : await repository.GetRevisionAsync(notice.Namespace, notice.Id, notice.Revision, stop) is { } changed ? [changed] : [];
                    foreach (var record in records)
                    {
                        await HandOnAsync(record);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    logger.LogWarning("Reading a flow changed by another process failed ({Error}); it is seen at the next change or reconnection", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task HandOnAsync(FlowRecord record)
    {
        Flow flow;
        try
        {
            flow = parser.Parse(record.Source) with { Revision = record.Revision, Deleted = record.Deleted, Source = record.Source, Updated = record.Updated };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("Flow {Namespace}.{FlowId} revision {Revision}, saved by another process, does not parse here: {Error}", record.Namespace, record.Id, record.Revision, e.Message);
            return;
        }

        if (Remember(flow))
        {
            await local.PublishAsync(flow, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return; // registered as itself and as its contract: the container disposes it twice
        }

        listening.Dispose();
        onReconnected.Dispose();
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
