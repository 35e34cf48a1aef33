using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Debug;

/// <summary>Deprecated (use Log): logs the rendered <see cref="Format"/> at <see cref="Level"/>.</summary>
[LocalTask]
[Plugin("io.kestra.plugin.core.debug.Echo", "io.kestra.core.tasks.debugs.Echo")]
public sealed class Echo : RunnableTask
{
    [Required] public string Format { get; init; } = "";
    public Level Level { get; init; } = Level.INFO;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Logs.Log(Level, context.Render(Format) ?? "");
        return Task.FromResult(TaskResult.Empty);
    }
}
