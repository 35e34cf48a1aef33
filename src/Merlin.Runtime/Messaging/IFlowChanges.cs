using Merlin.Core.Flows;

namespace Merlin.Runtime.Messaging;

/// <summary>Flows saved or deleted (a new revision, a deletion marker): the scheduler reloads its triggers.</summary>
public interface IFlowChanges
{
    Task PublishAsync(Flow flow, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="listener"/> after each change, on the publisher's thread: it must not block.</summary>
    IDisposable Subscribe(Action<Flow> listener);
}
