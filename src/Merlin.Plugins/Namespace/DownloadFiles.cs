using Merlin.Sdk.Tasks;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;

namespace Merlin.Plugins.Namespace;

/// <summary>Copies namespace files matching <c>files</c> (a glob or a list of globs) to internal storage; outputs <c>files</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.namespace.DownloadFiles")]
public sealed class DownloadFiles : RunnableTask
{
    [Required] public string Namespace { get; init; } = "";

    /// <summary>A glob or a list of globs.</summary>
    [Required] public object? Files { get; init; }
    public string Destination { get; init; } = "";

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
