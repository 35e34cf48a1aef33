using Merlin.Core.Engine;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Flow <c>concurrency</c> bookkeeping: which unfinished executions of each flow are admitted, and which wait (FIFO).
/// The engine decides (<see cref="ExecutionEngine.NeedsAdmission"/>) from the admitted count read here; the decision is
/// recorded only if that count has not changed meanwhile, so admission stays exact across the executor's loops.
/// One lock for all flows: admission is rare and cheap compared with a commit.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (HashSet<string> Admitted, Queue<string> Waiting)> _flows = [];

    /// <summary>How many executions of the flow are admitted and unfinished, <paramref name="executionId"/> excepted.</summary>
    public int Admitted(string @namespace, string flowId, string executionId)
    {
        lock (_lock)
        {
            return Others(Flow(@namespace, flowId), executionId);
        }
    }

    /// <summary>
    /// Records the engine's decision (a <see cref="ExecutionAction.TakeConcurrencySlot"/> or
    /// <see cref="ExecutionAction.AwaitConcurrencySlot"/> among <paramref name="actions"/>; nothing for a refusal), made
    /// from <paramref name="seen"/>; false when the count has changed since, and the decision must be made again.
    /// </summary>
    public bool TryRecord(string @namespace, string flowId, string executionId, int seen, IReadOnlyList<ExecutionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        lock (_lock)
        {
            var flow = Flow(@namespace, flowId);
            if (Others(flow, executionId) != seen)
            {
                return false;
            }

            foreach (var action in actions)
            {
                switch (action)
                {
                    case ExecutionAction.TakeConcurrencySlot:
                        flow.Admitted.Add(executionId);
                        break;
                    case ExecutionAction.AwaitConcurrencySlot:
                        flow.Waiting.Enqueue(executionId);
                        break;
                }
            }

            return true;
        }
    }

    /// <summary>Records an execution admitted before a restart (RUNNING or PAUSED) or one waiting (QUEUED).</summary>
    public void Restore(string @namespace, string flowId, string executionId, bool queued)
    {
        lock (_lock)
        {
            var flow = Flow(@namespace, flowId);
            if (queued)
            {
                flow.Waiting.Enqueue(executionId);
            }
            else
            {
                flow.Admitted.Add(executionId);
            }
        }
    }

    /// <summary>Frees the slot of an ended execution; returns the queued execution that takes it, if any.</summary>
    public string? Release(string @namespace, string flowId, string executionId)
    {
        lock (_lock)
        {
            if (!_flows.TryGetValue(Key(@namespace, flowId), out var flow) || !flow.Admitted.Remove(executionId))
            {
                return null;
            }

            if (flow.Waiting.TryDequeue(out var next))
            {
                flow.Admitted.Add(next);
                return next;
            }

            return null;
        }
    }

    /// <summary>Forgets the executions another executor took over (their slots are counted there now).</summary>
    public void Forget(Func<string, bool> executionId)
    {
        lock (_lock)
        {
            foreach (var flow in _flows.Values)
            {
                flow.Admitted.RemoveWhere(id => executionId(id));
                var waiting = flow.Waiting.Where(id => !executionId(id)).ToList();
                flow.Waiting.Clear();
                waiting.ForEach(flow.Waiting.Enqueue);
            }
        }
    }

    private static int Others((HashSet<string> Admitted, Queue<string> Waiting) flow, string executionId) =>
        flow.Admitted.Count - (flow.Admitted.Contains(executionId) ? 1 : 0);

    private (HashSet<string> Admitted, Queue<string> Waiting) Flow(string @namespace, string flowId)
    {
        var key = Key(@namespace, flowId);
        if (!_flows.TryGetValue(key, out var flow))
        {
            flow = ([], new Queue<string>());
            _flows[key] = flow;
        }

        return flow;
    }

    private static string Key(string @namespace, string flowId) => @namespace + "/" + flowId;
}
