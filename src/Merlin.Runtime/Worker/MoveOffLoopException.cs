namespace Merlin.Runtime.Worker;

/// <summary>
/// Thrown from a render that started on an executor loop and turned out heavy: the attempt is abandoned (it has
/// done nothing visible yet) and run again on a thread of its own. An <see cref="OperationCanceledException"/>,
/// so the template evaluator lets it through unwrapped.
/// </summary>
internal sealed class MoveOffLoopException : OperationCanceledException
{
    public MoveOffLoopException()
        : base("The task moves off the executor loop.")
    {
    }
}
