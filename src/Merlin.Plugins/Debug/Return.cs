using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Debug;

/// <summary>Renders <see cref="Format"/> and returns it as the output <c>value</c> (always a string).</summary>
[LocalTask]
[Plugin("io.kestra.plugin.core.debug.Return", "io.kestra.core.tasks.debugs.Return")]
public sealed class Return : RunnableTask
{
    public string? Format { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Render(Format);
        if (value is not null)
        {
            context.Logs.Log(Level.DEBUG, value);
        }

        return Task.FromResult(TaskResult.Of(("value", value)));
    }
}
