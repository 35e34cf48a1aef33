using System.Collections.Concurrent;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Tests.Support;

/// <summary>Trigger states in a dictionary; survives a "restart" when shared by two evaluators.</summary>
public sealed class InMemoryTriggerStates : ITriggerStateRepository
{
    private readonly ConcurrentDictionary<(string, string, string), TriggerState> _states = new();

    public Task<TriggerState?> GetAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue((@namespace, flowId, triggerId), out var state) ? state : null);

    public Task SaveAsync(TriggerState state, CancellationToken cancellationToken)
    {
        _states[(state.Namespace, state.FlowId, state.TriggerId)] = state;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TriggerState>> ListAsync(string? @namespace, string? flowId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TriggerState>>(_states.Values
            .Where(s => (@namespace is null || s.Namespace == @namespace) && (flowId is null || s.FlowId == flowId)).ToList());

    public Task DeleteAsync(string @namespace, string flowId, string triggerId, CancellationToken cancellationToken)
    {
        _states.TryRemove((@namespace, flowId, triggerId), out _);
        return Task.CompletedTask;
    }
}
