namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>
/// Subscribers to one kind of change, called in turn on the publisher's thread. Copy-on-write: publishing reads one array
/// without a lock, as a multicast delegate would.
/// </summary>
internal sealed class Listeners<T>
{
    private readonly Lock _gate = new();
    private Action<T>[] _listeners = [];

    public IDisposable Add(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    public void Publish(T value)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener(value);
        }
    }

    private void Remove(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners = _listeners.Where(l => l != listener).ToArray();
        }
    }

    private sealed class Subscription(Listeners<T> owner, Action<T> listener) : IDisposable
    {
        public void Dispose() => owner.Remove(listener);
    }
}
