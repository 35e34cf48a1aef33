using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>Something that happened to an execution; <see cref="ExecutionEngine.Advance"/> folds it in.</summary>
public abstract record ExecutionEvent
{
    /// <summary>A worker's report on a task run: RUNNING, or terminal with outputs (and the attempt's log file with <c>logToFile</c>).</summary>
    public sealed record TaskRunReported(string TaskRunId, StateType State, IReadOnlyDictionary<string, object?>? Outputs, string? LogFile = null,
        IReadOnlyDictionary<string, string>? DirectoryOutputFiles = null) : ExecutionEvent;

    /// <summary>
    /// A child execution started by a Subflow (or ForEachItem) task run reached a state (terminal ones end the task run).
    /// A terminal report carries the child and its flow, which the task's <c>outputs:</c> render against.
    /// </summary>
    public sealed record SubflowReported(string TaskRunId, string ChildExecutionId, StateType ChildState, IReadOnlyDictionary<string, object?>? ChildOutputs,
        Execution? Child = null, Flows.Flow? ChildFlow = null) : ExecutionEvent;

    /// <summary>The runtime created the subflow of every batch of a ForEachItem task run, whose outputs files go under that base.</summary>
    public sealed record SubflowBatchesStarted(string TaskRunId, int NumberOfBatches, string OutputsBaseUri) : ExecutionEvent;

    /// <summary>The lines of a Loop's values file (<see cref="ExecutionAction.ReadLoopValues"/>), or why it could not be read.</summary>
    public sealed record LoopValuesRead(string TaskRunId, IReadOnlyList<string>? Lines, string? Error = null) : ExecutionEvent;

    /// <summary>An iteration of a Loop task run (an execution of kind LOOP) ended; it carries the iteration as it ended.</summary>
    public sealed record LoopIterationReported(string TaskRunId, Execution Iteration) : ExecutionEvent;

    public sealed record Kill : ExecutionEvent;

    /// <summary>Pauses a RUNNING execution by hand (Kestra's pause route): running task runs finish, nothing new starts.</summary>
    public sealed record Pause : ExecutionEvent;

    /// <summary>Resumes a PAUSED execution, with the <c>onResume</c> inputs already validated.</summary>
    public sealed record Resume(IReadOnlyDictionary<string, object?>? Inputs) : ExecutionEvent;

    /// <summary>A timer the engine asked for is due (retry, pause delay, WaitFor interval).</summary>
    public sealed record Wakeup : ExecutionEvent;

    /// <summary>
    /// After a crash or a takeover: task runs that workers were running are run again, except those still
    /// <paramref name="Running"/> on a live worker (their result is on its way); pending timers are asked for again.
    /// <paramref name="Loaded"/>, when given, are the task runs running in the state recovery read: only those may be
    /// run again, since events queued before this one may have started others since (null: every running one).
    /// </summary>
    public sealed record Recover(IReadOnlyList<string>? Running = null, IReadOnlyList<string>? Loaded = null) : ExecutionEvent;

    /// <summary>Restart a FAILED execution from its failed task runs (same id, next attempt number).</summary>
    public sealed record Restart : ExecutionEvent;

    /// <summary>Sets the state of a terminated execution to another terminal state (Kestra's change-status route).</summary>
    public sealed record ChangeStatus(StateType Status) : ExecutionEvent;

    /// <summary>Replaces the labels of a terminated execution (Kestra's labels route; the merge is already done).</summary>
    public sealed record SetLabels(IReadOnlyList<Label> Labels) : ExecutionEvent;

    /// <summary>A QUEUED execution got a concurrency slot.</summary>
    public sealed record Admitted : ExecutionEvent;

    /// <summary>Nothing new: just advance (new execution, or after a restart).</summary>
    public sealed record Tick : ExecutionEvent;
}
