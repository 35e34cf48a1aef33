using System.Collections.Concurrent;
using Merlin.Sdk.Plugins;
using Merlin.Sdk.Tasks;

namespace Merlin.Runtime.Worker;

/// <summary>Which task types may run where they are dispatched (<see cref="LocalTaskAttribute"/>), looked up once per type.</summary>
public static class LocalTasks
{
    private static readonly ConcurrentDictionary<Type, bool> Marked = new();

    /// <summary>Whether <paramref name="task"/> (null: not resolved in this process) may run in the dispatching process.</summary>
    public static bool Allows(RunnableTask? task) =>
        task is not null && Marked.GetOrAdd(task.GetType(), static type => type.IsDefined(typeof(LocalTaskAttribute), inherit: false));
}
