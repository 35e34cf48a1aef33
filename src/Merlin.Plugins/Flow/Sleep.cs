using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Flow;

/// <summary>Waits for <see cref="Duration"/> (ISO-8601, e.g. <c>PT5S</c>); a kill or timeout cancels the wait.</summary>
[Plugin("io.kestra.plugin.core.flow.Sleep")]
public sealed class Sleep : RunnableTask, IValidatableTask
{
    [Required] public string Duration { get; init; } = "";

    public IEnumerable<string> Validate() => IsoDuration.Check(("duration", Duration));

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var duration = IsoDuration.Parse(Duration);
        context.Logs.Log(Level.INFO, "Waiting for " + IsoDuration.Format(duration));
        await Task.Delay(duration, cancellationToken);
        return TaskResult.Empty;
    }
}
