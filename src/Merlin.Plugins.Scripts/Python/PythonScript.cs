using Merlin.Plugins.Scripts.Exec;
using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Scripts.Python;

/// <summary>
/// Writes its inline <c>script</c> to a <c>.py</c> file and runs it with <c>python</c> (<c>python3</c> when only that is
/// installed, see PythonEnvironment); <c>true</c>, <c>false</c> and <c>null</c> are defined, so JSON pasted by a template is valid Python.
/// </summary>
[Plugin("io.kestra.plugin.scripts.python.Script")]
public sealed class PythonScript : FileScript
{
    protected override string Extension => ".py";

    protected override string Program => "python";

    protected override string Prelude => "true = True\nfalse = False\nnull = None\n";

    protected override IReadOnlyDictionary<string, string> LanguageEnvironment => PythonEnvironment.Variables;
}
