namespace Merlin.Server.Cli;

/// <summary>The flow files a path names: the file itself, or every <c>.yml</c>/<c>.yaml</c> under a directory, in a stable order.</summary>
internal static class FlowFiles
{
    public static IReadOnlyList<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new CliException($"'{path}' is neither a file nor a directory");
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
