using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Output;

/// <summary>Outputs <see cref="Values"/> with every string leaf rendered (<c>outputs.id.values.key</c>).</summary>
[LocalTask]
[Plugin("io.kestra.plugin.core.output.OutputValues")]
public sealed class OutputValues : RunnableTask
{
    public Dictionary<string, object?>? Values { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rendered = Values is null ? new Dictionary<string, object?>() : context.RenderValue(Values);
        return Task.FromResult(TaskResult.Of(("values", rendered)));
    }
}
