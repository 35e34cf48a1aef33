using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;

namespace Merlin.Runtime.Executions;

/// <summary>Everything needed to start an execution of a flow, from the API, a trigger or a Subflow task.</summary>
public sealed record ExecutionRequest
{
    /// <summary>A pre-chosen id (idempotent retries); a new one otherwise.</summary>
    public string? Id { get; init; }

    public required string Namespace { get; init; }
    public required string FlowId { get; init; }
    public int? Revision { get; init; }
    public IReadOnlyDictionary<string, InputValue> Inputs { get; init; } = new Dictionary<string, InputValue>();
    public IReadOnlyList<UploadedFile> Files { get; init; } = [];
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public ExecutionTrigger? Trigger { get; init; }
    public string? ParentId { get; init; }
    public DateTimeOffset? ScheduleDate { get; init; }

    /// <summary>Legacy execution variables (<c>schedule.*</c> for Schedule triggers), visible as top-level template variables.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>Typed inputs are parsed and checked (API, Subflow); trigger executions keep their raw inputs.</summary>
    public bool TypedInputs { get; init; } = true;

    /// <summary>
    /// Whether creation waits for the commit. A caller that waits for the end (<c>?wait=true</c>) need not: its 2xx
    /// comes after the terminal commit. When an executor of this process takes it, it is not even written at creation:
    /// the executor's first checkpoint (within 50 ms) or its end stores it, so a short one costs one commit
    /// (<see cref="Messaging.IExecutionQueue.SubmitNewAsync"/>). A crash before either loses an execution whose request
    /// got no answer.
    /// </summary>
    public bool AwaitCommit { get; init; } = true;

    /// <summary>API and Subflow executions get a <c>system.correlationId</c> label; trigger executions do not.</summary>
    public bool CorrelationId { get; init; } = true;
}
