using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging;

/// <summary>Where the executor answers an event sent with <see cref="IExecutionQueue.ApplyAsync"/>.</summary>
public interface IExecutionReply
{
    /// <summary>The event is applied and committed; the execution as it left it, or null when there is no such execution.</summary>
    void Applied(Execution? execution);

    /// <summary>Applying the event failed (the execution was failed instead, or the store refused it).</summary>
    void Failed(Exception error);
}
