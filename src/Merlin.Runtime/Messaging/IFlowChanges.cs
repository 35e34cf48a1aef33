using Merlin.Core.Flows;

namespace Merlin.Runtime.Messaging;

/// <summary>Flows saved or deleted (a new revision, a deletion marker): the scheduler reloads its triggers.</summary>
public interface IFlowChanges
{
    Task PublishAsync(Flow flow, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="listener"/> after each change, on the publisher's thread: it must not block.</summary>
    IDisposable Subscribe(Action<Flow> listener);

    /// <summary>
    /// Calls <paramref name="listener"/> as soon as this process hears that a flow changes, before the change is handed to
    /// <see cref="Subscribe"/>'s listeners (across processes the new revision is read first): what caches flows drops its
    /// copy at once, so an execution change heard right after the flow's is judged against the flows as they are now. It
    /// must not block. In one process it is the same moment as <see cref="Subscribe"/>'s.
    /// </summary>
    IDisposable OnChanging(Action listener) => Subscribe(_ => listener());
}
