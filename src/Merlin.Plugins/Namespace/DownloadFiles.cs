using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;


namespace Merlin.Plugins.Namespace;

/// <summary>Copies the namespace files matching <c>files</c> (a glob or a list of globs) to the execution's storage; outputs <c>files</c>, path → URI.</summary>
[Plugin("io.kestra.plugin.core.namespace.DownloadFiles")]
public sealed class DownloadFiles : RunnableTask
{
    [Required] public string Namespace { get; init; } = "";

    /// <summary>A glob or a list of globs.</summary>
    [Required] public object? Files { get; init; }

    /// <summary>Accepted for compatibility; the files go to the execution's storage.</summary>
    public string Destination { get; init; } = "";

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.NamespaceFiles;
        var @namespace = context.RenderRequired(Namespace, "namespace");
        var patterns = NamespaceFilePatterns.Of(context, Files);
        var downloaded = new Dictionary<string, object?>();
        foreach (var file in await store.ListAsync(@namespace, null, recursive: true, cancellationToken))
        {
            if (!file.IsDirectory && patterns.Any(p => p.IsMatch(file.Path)))
            {
                await using var content = await store.OpenAsync(@namespace, file.Path, cancellationToken);
                downloaded["/" + file.Path] = await context.Files.PutAsync(file.Path.Replace('/', '_'), content, cancellationToken);
            }
        }

        return TaskResult.Of(("files", downloaded));
    }
}
