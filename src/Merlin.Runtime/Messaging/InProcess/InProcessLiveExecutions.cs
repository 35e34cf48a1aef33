using System.Collections.Concurrent;
using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>The executor's running executions, shared with the readers of the same process.</summary>
public sealed class InProcessLiveExecutions : ILiveExecutions
{
    private readonly ConcurrentDictionary<string, Execution> _live = new();

    public bool TryGet(string executionId, out Execution execution) => _live.TryGetValue(executionId, out execution!);

    public void Set(Execution execution) => _live[execution.Id] = execution;

    public void Remove(string executionId) => _live.TryRemove(executionId, out _);

    public void RemoveWhere(Func<string, bool> executionId)
    {
        foreach (var id in _live.Keys.Where(executionId))
        {
            _live.TryRemove(id, out _);
        }
    }
}
