using Merlin.Core.Executions;
using Level = Merlin.Core.Executions.LogLevel;
using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.Debug;

/// <summary>Deprecated (use Log): logs the rendered <see cref="Format"/> at <see cref="Level"/>.</summary>
[Plugin("io.kestra.plugin.core.debug.Echo", "io.kestra.core.tasks.debugs.Echo")]
public sealed class Echo : RunnableTask
{
    [Required] public string Format { get; init; } = "";
    public Level Level { get; init; } = Level.INFO;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Log(Level, context.Render(Format) ?? "");
        return Task.FromResult(TaskResult.Empty);
    }
}
