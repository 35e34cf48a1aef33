using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Files;

/// <summary>Writes the namespace files a task asked for (<see cref="NamespaceFilesOptions"/>) into its working directory.</summary>
public static class NamespaceFileInjection
{
    public static async Task WriteAsync(ITaskRunContext context, NamespaceFilesOptions? options, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options is not { Enabled: true })
        {
            return;
        }

        var store = context.NamespaceFiles;
        var include = (options.Include ?? []).Select(g => FileGlob.ToOutputRegex(context.Render(g) ?? g)).ToList();
        var exclude = (options.Exclude ?? []).Select(g => FileGlob.ToOutputRegex(context.Render(g) ?? g)).ToList();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @namespace in options.Namespaces?.Select(n => context.Render(n) ?? n) ?? [context.Execution.Namespace])
        {
            var entries = await store.ListAsync(@namespace, null, recursive: true, cancellationToken);
            foreach (var entry in entries.Where(e => !e.IsDirectory))
            {
                if ((include.Count > 0 && !include.Any(g => g.IsMatch(entry.Path))) || exclude.Any(g => g.IsMatch(entry.Path)))
                {
                    continue;
                }

                var relative = options.FolderPerNamespace ? $"{@namespace}/{entry.Path}" : entry.Path;
                if (!written.Add(relative) && !Overwrite(context, options.IfExists, relative))
                {
                    continue;
                }

                var target = WorkingDirectoryFiles.Resolve(directory, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await store.OpenAsync(@namespace, entry.Path, cancellationToken);
                await using var file = File.Create(target);
                await source.CopyToAsync(file, cancellationToken);
            }
        }
    }

    private static bool Overwrite(ITaskRunContext context, string ifExists, string path)
    {
        switch (ifExists.ToUpperInvariant())
        {
            case "FAIL":
                throw new InvalidOperationException($"Namespace file '{path}' exists in more than one namespace (ifExists: FAIL)");
            case "WARN":
                context.Logs.Log(Merlin.Sdk.Runs.LogLevel.WARN, $"Namespace file '{path}' exists in more than one namespace, the last one wins");
                return true;
            case "IGNORE":
                return false;
            default:
                return true;
        }
    }
}
