using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Tests.Engine;

/// <summary>A new execution (<c>exec1</c>, CREATED) of a flow's first revision, as the runtime hands it to the engine.</summary>
internal static class TestExecutions
{
    public static Execution New(Flow flow, DateTimeOffset created, IReadOnlyDictionary<string, object?>? inputs = null) => new()
    {
        Id = "exec1",
        Namespace = flow.Namespace,
        FlowId = flow.Id,
        FlowRevision = 1,
        State = State.Create(created),
        OriginalId = "exec1",
        Metadata = new ExecutionMetadata(1, created),
        Inputs = inputs,
        Labels = [.. flow.Labels],
    };
}
