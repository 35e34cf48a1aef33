using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Execution;

/// <summary>Counts executions per flow in a date range and keeps the results where <c>expression</c> is true; outputs <c>results</c>, <c>total</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.execution.Count", "io.kestra.core.tasks.executions.Counts")]
public sealed class Count : RunnableTask
{
    public List<CountedFlow>? Flows { get; init; }
    public List<StateType>? States { get; init; }
    [Required] public string StartDate { get; init; } = "";
    public string? EndDate { get; init; }
    [Required] public string Expression { get; init; } = "";
    public List<string>? Namespaces { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
