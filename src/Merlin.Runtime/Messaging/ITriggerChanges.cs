namespace Merlin.Runtime.Messaging;

/// <summary>A trigger's stored state changed outside the scheduler (API, Toggle task): the scheduler re-reads it.</summary>
public interface ITriggerChanges
{
    Task PublishAsync(TriggerKey trigger, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="listener"/> after each change, on the publisher's thread: it must not block.</summary>
    IDisposable Subscribe(Action<TriggerKey> listener);
}
