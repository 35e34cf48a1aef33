using System.Collections.Concurrent;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Tests.Support;

/// <summary>MultipleCondition windows in a dictionary; survives a "restart" when shared by two evaluators.</summary>
public sealed class InMemoryConditionWindows : IMultipleConditionWindowStore
{
    private readonly ConcurrentDictionary<(string, string, string), MultipleConditionWindow> _windows = new();

    public Task<MultipleConditionWindow?> GetAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken) =>
        Task.FromResult(_windows.TryGetValue((@namespace, flowId, conditionId), out var window) ? window : null);

    public Task SaveAsync(MultipleConditionWindow window, CancellationToken cancellationToken)
    {
        _windows[(window.Namespace, window.FlowId, window.ConditionId)] = window;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string @namespace, string flowId, string conditionId, CancellationToken cancellationToken)
    {
        _windows.TryRemove((@namespace, flowId, conditionId), out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = _windows.Where(w => w.Value.End < now).Select(w => w.Key).ToList();
        expired.ForEach(k => _windows.TryRemove(k, out _));
        return Task.FromResult(expired.Count);
    }
}
