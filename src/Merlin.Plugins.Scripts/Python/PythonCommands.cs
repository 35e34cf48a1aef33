using Merlin.Plugins.Scripts.Exec;
using Merlin.Sdk.Plugins;

namespace Merlin.Plugins.Scripts.Python;

/// <summary>Runs commands (typically <c>python main.py</c> on input or namespace files) with Python's unbuffered output.</summary>
[Plugin("io.kestra.plugin.scripts.python.Commands")]
public sealed class PythonCommands : CommandsScript
{
    protected override IReadOnlyDictionary<string, string> LanguageEnvironment => PythonEnvironment.Variables;
}
