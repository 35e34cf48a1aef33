using Merlin.Core.Flows;
using Merlin.Core.Plugins;

namespace Merlin.Plugins.Storage;

/// <summary>Deprecated (use WorkingDirectory inputFiles/outputFiles): writes <c>inputs</c> files and stores the <c>outputs</c> globs; outputs <c>uris</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.storage.LocalFiles", "io.kestra.core.tasks.storages.LocalFiles")]
public sealed class LocalFiles : RunnableTask
{
    /// <summary>A map of file name to content, or a JSON string of one.</summary>
    public object? Inputs { get; init; }
    public List<string>? Outputs { get; init; }

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
