using Merlin.Sdk.Files;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Runs;
using Merlin.Sdk.Tasks;
using Merlin.Sdk.Values;


namespace Merlin.Plugins.Namespace;

/// <summary>
/// Uploads files to namespace files: the working-directory files matching the <c>files</c> globs (a <c>kestra://</c> URI
/// in the list is copied by its file name) under <c>destination</c>, or each entry of <c>filesMap</c> (target path →
/// <c>kestra://</c> URI). <c>conflict</c> says what happens to an existing file.
/// </summary>
[Plugin("io.kestra.plugin.core.namespace.UploadFiles")]
public sealed class UploadFiles : RunnableTask
{
    [Required] public string Namespace { get; init; } = "";
    public List<string>? Files { get; init; }

    /// <summary>A map of destination path to file URI, or a JSON string of one.</summary>
    public object? FilesMap { get; init; }
    public string Destination { get; init; } = "/";
    public NamespaceFileConflict Conflict { get; init; } = NamespaceFileConflict.OVERWRITE;

    public override async Task<TaskResult> RunAsync(ITaskRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.NamespaceFiles;
        var @namespace = context.RenderRequired(Namespace, "namespace");
        var destination = context.RenderRequired(Destination, "destination").Trim('/');
        var uploads = new List<(string Target, Func<Task<Stream>> Open)>();
        var globs = new List<string>();
        foreach (var file in (Files ?? []).Select(f => context.RenderRequired(f, "files")))
        {
            if (file.StartsWith("kestra://", StringComparison.Ordinal))
            {
                uploads.Add((Combine(destination, Path.GetFileName(file)), () => context.Files.OpenAsync(file, cancellationToken)));
            }
            else
            {
                globs.Add(file);
            }
        }

        var patterns = globs.Select(g => FileGlob.ToOutputRegex(g.TrimStart('/'))).ToList();
        var directory = context.WorkingDirectory;
        foreach (var path in WorkingDirectoryFiles.List(directory).Where(p => patterns.Any(g => g.IsMatch(p))))
        {
            uploads.Add((Combine(destination, path), () => Task.FromResult<Stream>(File.OpenRead(Path.Combine(directory, path)))));
        }

        if (FilesMap is not null)
        {
            var map = (FilesMap is string json ? PlainJson.Parse(context.RenderRequired(json, "filesMap")) : context.RenderValue(FilesMap))
                as IReadOnlyDictionary<string, object?> ?? throw new InvalidOperationException("'filesMap' must be a map of path to file URI");
            foreach (var (target, source) in map)
            {
                var uri = source as string ?? throw new InvalidOperationException($"filesMap '{target}' must name a file URI");
                uploads.Add((target.Trim('/'), () => context.Files.OpenAsync(uri, cancellationToken)));
            }
        }

        var files = new Dictionary<string, object?>();
        foreach (var (target, open) in uploads)
        {
            if (await store.StatAsync(@namespace, target, cancellationToken) is not null)
            {
                if (Conflict == NamespaceFileConflict.ERROR)
                {
                    throw new InvalidOperationException($"Namespace file '/{target}' already exists in namespace '{@namespace}' (conflict: ERROR)");
                }

                if (Conflict == NamespaceFileConflict.SKIP)
                {
                    continue;
                }
            }

            await using var content = await open();
            await store.PutAsync(@namespace, target, content, cancellationToken);
            files["/" + target] = store.Uri(@namespace, target);
        }

        return TaskResult.Of(("files", files));
    }

    private static string Combine(string destination, string path) => destination.Length == 0 ? path : destination + "/" + path;
}
