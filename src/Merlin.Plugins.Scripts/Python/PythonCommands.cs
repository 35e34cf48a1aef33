using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Exec;

namespace Merlin.Plugins.Scripts.Python;

/// <summary>Runs commands (typically <c>python main.py</c> on input or namespace files) with Python's unbuffered output.</summary>
[Plugin("io.kestra.plugin.scripts.python.Commands")]
public sealed class PythonCommands : CommandsScript
{
    protected override IReadOnlyDictionary<string, string> LanguageEnvironment => PythonEnvironment.Variables;
}
