namespace Merlin.Runtime.Messaging.InProcess;

public sealed class InProcessTriggerChanges : ITriggerChanges
{
    private readonly Listeners<TriggerKey> _listeners = new();

    public void Publish(TriggerKey trigger) => _listeners.Publish(trigger);

    public IDisposable Subscribe(Action<TriggerKey> listener) => _listeners.Add(listener);
}
