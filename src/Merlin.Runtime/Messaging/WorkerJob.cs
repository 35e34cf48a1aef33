using System.Text.Json.Serialization;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Runtime.Messaging;

/// <summary>
/// What a worker needs to run one attempt of a task run, complete as JSON (<see cref="Core.Json.KestraJson"/>) so that a
/// worker may live in another process: it finds the task definition by flow revision and task id
/// (<see cref="Worker.TaskDefinitions"/>). In process the executor also hands over the definition it already resolved
/// (<see cref="Task"/>) and the execution, which are not serialized.
/// </summary>
public sealed record WorkerJob
{
    /// <summary>The task run, RUNNING, its last attempt the one to run (ids, namespace, flow id, task id, value, iteration).</summary>
    public required TaskRun TaskRun { get; init; }

    /// <summary>The flow revision the execution runs, where the task definition is looked up.</summary>
    public required int FlowRevision { get; init; }

    /// <summary>The variables the task renders against, already computed by the executor.</summary>
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    /// <summary>Encrypted SECRET values among <see cref="Variables"/>, decrypted by the worker for this task only.</summary>
    public IReadOnlyList<string>? Secrets { get; init; }

    /// <summary>What started the execution: the worker's file access lets a task read its triggering execution's files.</summary>
    public ExecutionTrigger? Trigger { get; init; }

    /// <summary>Set for a child of a WorkingDirectory: the directory it shares with its siblings.</summary>
    public SharedDirectory? Directory { get; init; }

    public string ExecutionId => TaskRun.ExecutionId;

    public string TaskRunId => TaskRun.Id;

    /// <summary>The attempt to run, from 1.</summary>
    public int Attempt => TaskRun.Attempts.Count;

    public string Namespace => TaskRun.Namespace;

    public string FlowId => TaskRun.FlowId;

    public string TaskId => TaskRun.TaskId;

    /// <summary>In process only: the definition the executor resolved, so the worker skips the lookup.</summary>
    [JsonIgnore]
    public RunnableTask? Task { get; init; }

    /// <summary>In process only: the execution as the executor left it; a worker elsewhere rebuilds what a task sees of it from this job.</summary>
    [JsonIgnore]
    public Execution? Execution { get; init; }
}
