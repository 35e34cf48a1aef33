using Merlin.Core.Flows;

namespace Merlin.Runtime.Messaging.InProcess;

public sealed class InProcessFlowChanges : IFlowChanges
{
    private readonly Listeners<Flow> _listeners = new();

    public void Publish(Flow flow) => _listeners.Publish(flow);

    public IDisposable Subscribe(Action<Flow> listener) => _listeners.Add(listener);
}
