using Merlin.Sdk.Files;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins.Storage;

/// <summary>
/// Deprecated (use WorkingDirectory inputFiles/outputFiles): writes the <c>inputs</c> files (a map of path to content, a
/// <c>kestra://</c> URI copying that file, or a JSON string of such a map) into the task's working directory, then stores
/// every file of that directory matching the <c>outputs</c> globs; outputs <c>uris</c>, relative path to URI. Inside a
/// WorkingDirectory the directory is shared, so a LocalFiles sees the files its siblings wrote.
/// </summary>
[Plugin("io.kestra.plugin.core.storage.LocalFiles", "io.kestra.core.tasks.storages.LocalFiles")]
public sealed class LocalFiles : RunnableTask
{
    /// <summary>A map of file name to content, or a JSON string of one.</summary>
    public object? Inputs { get; init; }
    public List<string>? Outputs { get; init; }

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = context.WorkingDirectory;
        await WorkingDirectoryFiles.WriteAsync(context, Inputs, directory, "inputs", cancellationToken);

        var globs = (Outputs ?? []).Select(o => FileGlob.ToRegex(context.Render(o) ?? o)).ToList();
        var uris = new Dictionary<string, object?>();
        foreach (var path in WorkingDirectoryFiles.List(directory).Where(p => globs.Any(g => g.IsMatch(p))).Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(Path.Combine(directory, path));
            uris[path] = await context.Files.PutAsync(Guid.NewGuid().ToString("N")[..22] + "-" + Path.GetFileName(path), stream, cancellationToken);
        }

        return TaskResult.Of(("uris", uris));
    }
}
