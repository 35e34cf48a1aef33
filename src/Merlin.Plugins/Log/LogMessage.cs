using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Log;

/// <summary>Logs a message, or each message of a list as its own entry, at <see cref="Level"/>.</summary>
[LocalTask]
[Plugin("io.kestra.plugin.core.log.Log", "io.kestra.core.tasks.log.Log")]
public sealed class LogMessage : RunnableTask
{
    /// <summary>A string or a list of strings, each rendered.</summary>
    [Required] public object? Message { get; init; }
    public Level Level { get; init; } = Level.INFO;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IEnumerable<object?> messages = Message switch
        {
            string text => [text],
            IEnumerable<object?> list => list,
            null => throw new InvalidOperationException("'message' must not be null"),
            var other => [Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)],
        };

        foreach (var message in messages)
        {
            var template = message as string ?? Convert.ToString(message, System.Globalization.CultureInfo.InvariantCulture);
            context.Logs.Log(Level, context.Render(template) ?? "");
        }

        return Task.FromResult(TaskResult.Empty);
    }
}
