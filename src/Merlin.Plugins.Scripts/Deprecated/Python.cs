using Merlin.Core.Plugins;
using Merlin.Plugins.Scripts.Python;

namespace Merlin.Plugins.Scripts.Deprecated;

/// <summary>Deprecated (use <c>io.kestra.plugin.scripts.python.Script</c>): runs <c>python main.py</c> on its <c>inputFiles</c> by default.</summary>
[Plugin("io.kestra.core.tasks.scripts.Python")]
public sealed class Python : LegacyScript
{
    public override List<string> Commands { get; init; } = ["python main.py"];

    protected override IReadOnlyDictionary<string, string> LanguageEnvironment => PythonEnvironment.Variables;
}
