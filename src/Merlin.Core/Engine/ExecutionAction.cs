using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>Work that <see cref="ExecutionEngine.Advance"/> asks the runtime to do.</summary>
public abstract record ExecutionAction
{
    /// <summary>
    /// Send a task run to a worker with the variables it renders against and the secret values its logs must mask; a
    /// child of a WorkingDirectory runs in its parent's <paramref name="Directory"/>.
    /// </summary>
    public sealed record RunTask(TaskRun TaskRun, RunnableTask Task, IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<string>? Secrets = null,
        SharedDirectory? Directory = null) : ExecutionAction;

    /// <summary>Interrupt a task run that a worker is running.</summary>
    public sealed record KillTask(string TaskRunId) : ExecutionAction;

    /// <summary>Start a child execution for a Subflow task run; inputs and labels are already rendered.</summary>
    public sealed record StartSubflow(TaskRun TaskRun, Subflow Task, string Namespace, string FlowId, int? Revision,
        IReadOnlyDictionary<string, object?> Inputs, IReadOnlyList<Label> Labels) : ExecutionAction;

    /// <summary>
    /// Start one child execution per line of the <paramref name="SplitsUri"/> file for a ForEachItem task run, its inputs
    /// rendered against <paramref name="Variables"/> with <c>taskrun.items</c> and <c>taskrun.iteration</c>; then report
    /// <see cref="ExecutionEvent.SubflowBatchesStarted"/>.
    /// </summary>
    public sealed record StartSubflowBatches(TaskRun TaskRun, ForEachItemExecutable Task, string Namespace, string FlowId, int? Revision,
        string SplitsUri, IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<Label> Labels) : ExecutionAction;

    /// <summary>A Loop's <c>values</c> names a <c>kestra://</c> file: read its lines and answer <see cref="ExecutionEvent.LoopValuesRead"/>.</summary>
    public sealed record ReadLoopValues(string TaskRunId, string Uri) : ExecutionAction;

    /// <summary>
    /// Start one iteration of a Loop: <paramref name="Iteration"/> is the execution of kind LOOP the engine built. An
    /// execution with its id may exist already (asked again on recovery): then it is not created again, and if it has
    /// ended its end is reported again (<see cref="ExecutionEvent.LoopIterationReported"/>).
    /// </summary>
    public sealed record StartLoopIteration(Execution Iteration) : ExecutionAction;

    /// <summary>The execution ended RETRIED: at this date, start its next attempt as a new execution (<see cref="NewExecutionRetry.Next"/>).</summary>
    public sealed record RetryInNewExecution(DateTimeOffset Date) : ExecutionAction;

    /// <summary>Call back with <see cref="ExecutionEvent.Wakeup"/> at this date.</summary>
    public sealed record WakeAt(DateTimeOffset Date) : ExecutionAction;

    /// <summary>A log entry the executor writes for a task run (e.g. why a flowable failed).</summary>
    public sealed record Log(string? TaskRunId, string? TaskId, Merlin.Sdk.Runs.LogLevel Level, string Message) : ExecutionAction;

    /// <summary>Kill child executions started by this execution's Subflow task runs.</summary>
    public sealed record KillChild(string ChildExecutionId) : ExecutionAction;

    /// <summary>The execution is admitted under its flow's <c>concurrency</c> limit: count it as running until it ends.</summary>
    public sealed record TakeConcurrencySlot : ExecutionAction;

    /// <summary>The execution is QUEUED by its flow's <c>concurrency</c> limit: send it <see cref="ExecutionEvent.Admitted"/> when a slot frees, first come first served.</summary>
    public sealed record AwaitConcurrencySlot : ExecutionAction;

    /// <summary>Advance again once this state is committed and published (a restart shows RESTARTED before it runs).</summary>
    public sealed record Continue : ExecutionAction;
}
