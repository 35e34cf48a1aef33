using Merlin.Core.Flows;

namespace Merlin.Runtime.Messaging.InProcess;

public sealed class InProcessFlowChanges : IFlowChanges
{
    private readonly Listeners<Flow> _listeners = new();

    public Task PublishAsync(Flow flow, CancellationToken cancellationToken)
    {
        _listeners.Publish(flow);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<Flow> listener) => _listeners.Add(listener);
}
