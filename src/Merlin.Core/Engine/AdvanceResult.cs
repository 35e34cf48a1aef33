using Merlin.Core.Executions;

namespace Merlin.Core.Engine;

/// <summary>The execution after an advance and the work the runtime must now do.</summary>
public sealed record AdvanceResult(Execution Execution, IReadOnlyList<ExecutionAction> Actions);
