namespace Merlin.Plugins.Scripts.Python;

/// <summary>
/// What Kestra sets for every Python task: unbuffered output (lines arrive as printed), quiet pip. Kestra's images run
/// <c>python</c>; a server with only <c>python3</c> (Debian) gets a <c>python</c> link to it at the front of the PATH, so
/// flows written for Kestra run unchanged.
/// </summary>
internal static class PythonEnvironment
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Computed = new(Compute);

    public static IReadOnlyDictionary<string, string> Variables => Computed.Value;

    private static Dictionary<string, string> Compute()
    {
        var variables = new Dictionary<string, string>
        {
            ["PYTHONUNBUFFERED"] = "true",
            ["PIP_ROOT_USER_ACTION"] = "ignore",
            ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
        };
        if (Exec.Executables.Find("python") is null && Exec.Executables.Find("python3") is { } python3)
        {
            var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "merlin-python-" + Environment.ProcessId)).FullName;
            var link = Path.Combine(directory, "python");
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, python3);
            }

            variables["PATH"] = directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        }

        return variables;
    }
}
