using Merlin.Sdk.Plugins;
using Merlin.Sdk.Tasks;

namespace Merlin.Plugins;

/// <summary>The failure of a task type that Merlin parses but cannot run yet.</summary>
public static class UnsupportedTask
{
    public static Task<TaskResult> Fail(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Task.FromException<TaskResult>(
            new InvalidOperationException($"{PluginAttribute.TypeNameOf(task.GetType())} is not supported by Merlin yet"));
    }
}
