using Merlin.Core.Engine;

namespace Merlin.Runtime.Messaging;

/// <summary>One event for the executor.</summary>
/// <param name="ExecutionId">The execution it applies to (its partition key).</param>
/// <param name="Event">What happened.</param>
/// <param name="Reply">Told the outcome once the event is applied and committed (<see cref="IExecutionQueue.ApplyAsync"/>), else null.</param>
/// <param name="Queued">When it was sent (<see cref="System.Diagnostics.Stopwatch"/> ticks), to measure the executor's lag.</param>
/// <param name="Ack">Told once the message is applied (queue tables delete it with the effect), else null.</param>
public readonly record struct ExecutionMessage(string ExecutionId, ExecutionEvent Event, IExecutionReply? Reply, long Queued, IExecutionAck? Ack = null);
