namespace Merlin.Runtime.Messaging;

/// <summary>
/// Told by the executor once it applied a message (under the same lock as its checkpoints, so a checkpoint taken
/// after this call includes the message's effect). A queue table deletes the message with the next save of its
/// execution, in that save's transaction. The executor may tell it twice (before a terminal save, then once applied):
/// only the first counts.
/// </summary>
public interface IExecutionAck
{
    void Consumed();
}
