using Merlin.Core.Engine;
using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging;

/// <summary>
/// Events to the executor, one writer per execution: every event of an execution is read, in order, from the same
/// partition. Producers are the web server (creation, commands), the worker (through <see cref="IWorkerResultQueue"/>),
/// subflows, timers and the executor itself. A backend across processes keeps them in a queue table and wakes the
/// executors with a notification; the in-process one is a channel per partition. A returned task completes once the
/// queue holds the message (at once, in process), not when it is applied.
/// </summary>
public interface IExecutionQueue
{
    /// <summary>Hands a new, already committed execution to the executor, announcing it (<see cref="IExecutionChanges.Created"/>) on the caller's thread.</summary>
    Task SubmitAsync(Execution execution, CancellationToken cancellationToken);

    /// <summary>
    /// Hands a new execution that is not stored yet to the executor (<see cref="Executions.ExecutionRequest.AwaitCommit"/>
    /// false): an executor in this process takes it as it is and its first save stores it; otherwise the queue stores it
    /// with its first event. Either way nothing is committed when this returns.
    /// </summary>
    Task SubmitNewAsync(Execution execution, CancellationToken cancellationToken);

    /// <summary>Sends an event to an execution; it is applied later, by the one executor that owns the execution.</summary>
    Task SendAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an event and completes once it is applied and committed, with the execution as it left it (null when there is
    /// no such execution); an answer that must show the new state (restart, pause) awaits this.
    /// </summary>
    Task<Execution?> ApplyAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken);

    /// <summary>The partition of an execution's events (stable across processes for a backend shared by several).</summary>
    int PartitionOf(string executionId);

    /// <summary>How many partitions the executor reads (each by one loop).</summary>
    int Partitions { get; }

    /// <summary>Events waiting to be read (a gauge: sustained growth means the executor falls behind).</summary>
    int Depth { get; }

    /// <summary>The executor's side: the messages of one partition, in the order they were sent.</summary>
    IAsyncEnumerable<ExecutionMessage> ReadAsync(int partition, CancellationToken cancellationToken);
}
