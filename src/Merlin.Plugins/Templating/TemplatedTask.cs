using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Templating;

/// <summary>Renders <c>spec</c>, a YAML runnable task definition, then parses and runs it. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.templating.TemplatedTask", "io.kestra.core.tasks.templating.TemplatedTask")]
public sealed class TemplatedTask : RunnableTask
{
    [Required] public string Spec { get; init; } = "";

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
