using Merlin.Core.Flows;

namespace Merlin.Plugins.Scripts.Exec;

/// <summary>
/// Stores a script's output files: those of the working directory matching the <c>outputFiles</c> globs (Kestra's rule,
/// <see cref="FileGlob.ToOutputRegex"/>), and everything written to the output directory. Answers relative path → URI.
/// </summary>
internal static class ScriptOutputFiles
{
    public static async Task<Dictionary<string, object?>> StoreAsync(ScriptRun run, IEnumerable<string> globs, CancellationToken cancellationToken)
    {
        var context = run.Context;
        var patterns = globs.Select(g => FileGlob.ToOutputRegex(run.Render(g))).ToList();
        var outputPrefix = Path.GetRelativePath(run.WorkingDirectory, run.OutputDirectory).Replace('\\', '/') + "/";
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in WorkingDirectoryFiles.List(run.WorkingDirectory))
        {
            if (path.StartsWith(outputPrefix, StringComparison.Ordinal))
            {
                files[path[outputPrefix.Length..]] = Path.Combine(run.OutputDirectory, path[outputPrefix.Length..]);
            }
            else if (patterns.Any(p => p.IsMatch(path)))
            {
                files[path] = Path.Combine(run.WorkingDirectory, path);
            }
        }

        var uris = new Dictionary<string, object?>();
        foreach (var (relative, local) in files)
        {
            await using var stream = File.OpenRead(local);
            uris[relative] = await context.PutFileAsync(relative.Replace('/', '_'), stream, cancellationToken);
        }

        return uris;
    }
}
