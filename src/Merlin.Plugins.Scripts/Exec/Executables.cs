namespace Merlin.Plugins.Scripts.Exec;

/// <summary>Finds programs on the PATH of the server.</summary>
internal static class Executables
{
    /// <summary>The full path of a program on the PATH; null when there is none.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
