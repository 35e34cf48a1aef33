using Merlin.Core.Executions;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Scheduler;

namespace Merlin.Runtime.Tests.Support;

/// <summary>Records the executions triggers start; the test ends them with <see cref="End"/>.</summary>
public sealed class FakeLauncher(TimeProvider clock) : ITriggerLauncher
{
    private readonly Dictionary<string, Execution> _executions = [];

    public List<ExecutionRequest> Requests { get; } = [];

    public Task<Execution> StartAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = request.Id ?? Ids.Create();
        if (_executions.ContainsKey(id))
        {
            throw new InvalidOperationException($"execution {id} created twice");
        }

        Requests.Add(request);
        var execution = new Execution
        {
            Id = id,
            Namespace = request.Namespace,
            FlowId = request.FlowId,
            FlowRevision = request.Revision ?? 1,
            State = State.Create(now),
            OriginalId = id,
            Trigger = request.Trigger,
            Metadata = new ExecutionMetadata(1, now),
        };
        _executions[id] = execution;
        return Task.FromResult(execution);
    }

    public Task<Execution?> GetAsync(string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(_executions.TryGetValue(executionId, out var execution) ? execution : null);

    public Execution End(string executionId, StateType state = StateType.SUCCESS)
    {
        var ended = _executions[executionId].WithState(state, clock.GetUtcNow());
        _executions[executionId] = ended;
        return ended;
    }

    /// <summary>The dates of the scheduled executions started so far, in order.</summary>
    public List<string> Dates => Requests.Select(r => (string)r.Trigger!.Variables["date"]!).ToList();
}
