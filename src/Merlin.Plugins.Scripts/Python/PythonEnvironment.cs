namespace Merlin.Plugins.Scripts.Python;

/// <summary>What Kestra sets for every Python task: unbuffered output (lines arrive as printed), quiet pip.</summary>
internal static class PythonEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["PYTHONUNBUFFERED"] = "true",
        ["PIP_ROOT_USER_ACTION"] = "ignore",
        ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
    };
}
