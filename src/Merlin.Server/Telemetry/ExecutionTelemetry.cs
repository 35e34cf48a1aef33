using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Server.Telemetry;

/// <summary>
/// Feeds the execution log lines, metrics and spans from the execution changes while the server runs: the
/// executor knows nothing of them. Handlers run on the executor's loop, so they only count and copy.
/// </summary>
internal sealed class ExecutionTelemetry(IExecutionChanges changes, ExecutionLifecycleLog log, ExecutionMetrics metrics, ExecutionTracing tracing, TimeProvider clock)
    : IHostedService
{
    private IDisposable? _onCreated;
    private IDisposable? _onChanged;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _onCreated = changes.OnCreated(OnCreated);
        _onChanged = changes.OnLocalChanged(OnChanged); // counted where it changed: the cluster's sum is exact
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _onCreated?.Dispose();
        _onChanged?.Dispose();
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
