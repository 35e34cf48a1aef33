using Merlin.Core.Flows;
using Merlin.Runtime.Executions;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Flow <c>concurrency</c>: admits at most <c>limit</c> unfinished executions per flow; the others are queued
/// (FIFO), cancelled or failed. One lock for all flows: admission is rare and cheap compared with a commit.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (HashSet<string> Admitted, Queue<string> Waiting)> _flows = [];

    public enum Decision
    {
        Admit,
        Queue,
        Cancel,
        Fail,
    }

    public Decision TryAdmit(string @namespace, string flowId, string executionId, ConcurrencyLimit limit)
    {
        lock (_lock)
        {
            var flow = Flow(@namespace, flowId);
            if (flow.Admitted.Contains(executionId) || flow.Admitted.Count < limit.Limit)
            {
                flow.Admitted.Add(executionId);
                return Decision.Admit;
            }

            switch (limit.Behavior)
            {
                case "CANCEL":
                    return Decision.Cancel;
                case "FAIL":
                    return Decision.Fail;
                default:
                    flow.Waiting.Enqueue(executionId);
                    return Decision.Queue;
            }
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
