namespace Merlin.Plugins.Scripts.Exec;

/// <summary>Finds programs on the PATH of the server.</summary>
internal static class Executables
{
    /// <summary>The first of <paramref name="names"/> found on the PATH; the first name when none is (the shell then says it is missing).</summary>
    public static string First(params string[] names) =>
        names.FirstOrDefault(IsOnPath) ?? names[0];

    private static bool IsOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));
}
