using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Samples.Greetings;

/// <summary>Greets someone: logs the greeting and outputs it as <c>message</c>.</summary>
[Plugin("com.example.greetings.Hello")]
public sealed class Hello : RunnableTask
{
    /// <summary>Who to greet (rendered).</summary>
    [Required] public string Name { get; init; } = "";

    /// <summary>The greeting word (rendered).</summary>
    public string Greeting { get; init; } = "Hello";

    /// <inheritdoc />
    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = $"{context.RenderRequired(Greeting, "greeting")}, {context.RenderRequired(Name, "name")}!";
        context.Logs.Info(message);
        return Task.FromResult(TaskResult.Of(("message", message)));
    }
}
