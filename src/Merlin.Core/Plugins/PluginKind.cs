namespace Merlin.Core.Plugins;

public enum PluginKind
{
    Task,
    Trigger,
    Condition,
}
