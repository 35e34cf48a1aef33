namespace Merlin.Runtime.Messaging.InProcess;

public sealed class InProcessTriggerChanges : ITriggerChanges
{
    private readonly Listeners<TriggerKey> _listeners = new();

    public Task PublishAsync(TriggerKey trigger, CancellationToken cancellationToken)
    {
        _listeners.Publish(trigger);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<TriggerKey> listener) => _listeners.Add(listener);
}
