using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;
using Level = Merlin.Sdk.Runs.LogLevel;

namespace Merlin.Plugins.Execution;

/// <summary>
/// Fails the task: always when there is no <see cref="Condition"/> (with the rendered <see cref="ErrorMessage"/>),
/// otherwise only when the condition is truthy (the message is logged at ERROR and the task fails with "Fail on a condition").
/// </summary>
[LocalTask]
[Plugin("io.kestra.plugin.core.execution.Fail", "io.kestra.core.tasks.executions.Fail")]
public sealed class Fail : RunnableTask
{
    public string? Condition { get; init; }
    public string ErrorMessage { get; init; } = "Task failure";

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Condition is null)
        {
            throw new TaskFailedException(context.Render(ErrorMessage) ?? "Task failure");
        }

        if (Truthiness.IsTruthy(context.Render(Condition)))
        {
            context.Logs.Log(Level.ERROR, context.Render(ErrorMessage) ?? "");
            throw new TaskFailedException("Fail on a condition");
        }

        return Task.FromResult(TaskResult.Empty);
    }
}
