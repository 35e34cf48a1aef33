using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;


namespace Merlin.Plugins.Namespace;

/// <summary>Deletes the namespace files matching <c>files</c> (a glob or a list of globs); folders left empty go too.</summary>
[Plugin("io.kestra.plugin.core.namespace.DeleteFiles")]
public sealed class DeleteFiles : RunnableTask
{
    [Required] public string Namespace { get; init; } = "";

    /// <summary>A glob or a list of globs.</summary>
    [Required] public object? Files { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.NamespaceFiles;
        var @namespace = context.RenderRequired(Namespace, "namespace");
        var patterns = NamespaceFilePatterns.Of(context, Files);
        var deleted = 0;
        foreach (var file in await store.ListAsync(@namespace, null, recursive: true, cancellationToken))
        {
            if (!file.IsDirectory && patterns.Any(p => p.IsMatch(file.Path)) && await store.DeleteAsync(@namespace, file.Path, cancellationToken))
            {
                context.Logs.Log(Merlin.Sdk.Runs.LogLevel.DEBUG, $"Deleted /{file.Path}");
                deleted++;
            }
        }

        context.Logs.Log(Merlin.Sdk.Runs.LogLevel.DEBUG, $"{deleted} namespace files deleted");
        return TaskResult.Empty;
    }
}
