namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>Subscribers to one kind of change, called in turn on the publisher's thread.</summary>
internal sealed class Listeners<T> : Registrations<Action<T>>
{
    public void Publish(T value)
    {
        foreach (var listener in Current)
        {
            listener(value);
        }
    }
}
