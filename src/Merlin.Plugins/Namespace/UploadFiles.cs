using Merlin.Sdk.Tasks;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;

namespace Merlin.Plugins.Namespace;

/// <summary>Uploads files (<c>files</c> globs or a <c>filesMap</c>) to namespace files; outputs <c>files</c>. Not supported by Merlin yet: it parses, and fails when run.</summary>
[Plugin("io.kestra.plugin.core.namespace.UploadFiles")]
public sealed class UploadFiles : RunnableTask
{
    [Required] public string Namespace { get; init; } = "";
    public List<string>? Files { get; init; }

    /// <summary>A map of destination path to file URI, or a JSON string of one.</summary>
    public object? FilesMap { get; init; }
    public string Destination { get; init; } = "/";
    public NamespaceFileConflict Conflict { get; init; } = NamespaceFileConflict.OVERWRITE;

    public override Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken) =>
        UnsupportedTask.Fail(this);
}
