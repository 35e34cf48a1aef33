using Merlin.Core.Executions;
using Merlin.Runtime.Executions;

namespace Merlin.Server.Telemetry;

/// <summary>
/// Feeds the execution log lines, metrics and spans from the notifier's events while the server runs: the
/// executor knows nothing of them. Handlers run on the executor's loop, so they only count and copy.
/// </summary>
internal sealed class ExecutionTelemetry(ExecutionNotifier notifier, ExecutionLifecycleLog log, ExecutionMetrics metrics, ExecutionTracing tracing, TimeProvider clock)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Created += OnCreated;
        notifier.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Created -= OnCreated;
        notifier.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnCreated(Execution execution)
    {
        metrics.Created(execution);
        tracing.Created(execution);
        log.Created(execution);
    }

    private void OnChanged(Execution execution)
    {
        if (!execution.State.IsTerminated)
        {
            return;
        }

        var now = clock.GetUtcNow();
        metrics.Ended(execution, now);
        tracing.Ended(execution);
        log.Ended(execution, now);
    }
}
