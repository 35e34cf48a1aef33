using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Messaging;

/// <summary>
/// Execution changes, to follow and wait on without polling: <c>?wait=true</c> awaits the terminal state, SSE followers
/// get every committed change, flow triggers and the scheduler see every end. The executor publishes; across processes a
/// backend carries them as notifications.
/// </summary>
public interface IExecutionChanges
{
    /// <summary>Follows an execution: the returned reader yields each change and completes after a terminal one.</summary>
    ChannelReader<Execution> Follow(string executionId, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the execution is terminated (or paused, when <paramref name="untilPaused"/>): subscribes first, then asks
    /// <paramref name="current"/>, so a change between the two is not missed. Throws the <see cref="StorageFaultException"/>
    /// when the store refuses to commit its end (see <see cref="PublishFault"/>).
    /// </summary>
    Task<Execution> WaitAsync(string executionId, Func<CancellationToken, Task<Execution?>> current, CancellationToken cancellationToken, bool untilPaused = false);

    /// <summary>Calls <paramref name="listener"/> after each committed change (terminal ones included), on the publisher's thread: it must not block.</summary>
    IDisposable OnChanged(Action<Execution> listener);

    /// <summary>
    /// As <see cref="OnChanged(Action{Execution})"/>, for the changes <paramref name="wants"/> by their summary only:
    /// across processes a backend need not read from the store an execution no listener wants as it was announced.
    /// <paramref name="wants"/> runs on the notification's thread and may change its answer over time (it must not block);
    /// a listener that comes to want changes it did not want before says so with <see cref="WantsChanged"/>.
    /// </summary>
    IDisposable OnChanged(Action<Execution> listener, Func<ExecutionChangeSummary, bool> wants) =>
        OnChanged(execution =>
        {
            if (wants(ExecutionChangeSummary.Of(execution)))
            {
                listener(execution);
            }
        });

    /// <summary>
    /// A listener's <c>wants</c> may now accept changes it refused before: a backend that chose what to hear from other
    /// processes by those answers (see <see cref="OnChanged(Action{Execution}, Func{ExecutionChangeSummary, bool})"/>)
    /// asks them again. In one process every change is heard anyway.
    /// </summary>
    void WantsChanged()
    {
    }

    /// <summary>
    /// As <see cref="OnChanged"/>, for the changes published in this process only (its executor's): what must be counted
    /// once cluster-wide (metrics, the lifecycle log lines) is counted where the change happened.
    /// </summary>
    IDisposable OnLocalChanged(Action<Execution> listener);

    /// <summary>Calls <paramref name="listener"/> when a new execution is submitted, on the submitting thread (so its trace is current).</summary>
    IDisposable OnCreated(Action<Execution> listener);

    /// <summary>A new execution was submitted to the executor.</summary>
    void PublishCreated(Execution execution);

    /// <summary>A change is committed (or checkpointed write-behind, for states in between).</summary>
    void Publish(Execution execution);

    /// <summary>
    /// The execution's end could not be committed (disk full...): waiters get the fault instead of hanging, while
    /// followers keep following, since the executor retries and the end is published once it is committed.
    /// </summary>
    void PublishFault(string executionId, StorageFaultException fault);
}
