using Merlin.Core.Flows;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Executions;

/// <summary>
/// New execution ids. Executions of a flow with a concurrency limit all get ids that fall in one executor partition
/// (the partition of the flow's name), so the one executor that owns it counts every running execution of the flow and
/// the limit holds however many executors share the work. Other flows' executions spread over every partition.
/// </summary>
public static class ExecutionIds
{
    /// <summary>Random ids fall in a given partition once in <c>partitions</c> tries; this bounds the search far beyond.</summary>
    private const int TriesPerPartition = 64;

    public static string New(IExecutionQueue queue, Flow flow, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(create);
        if (flow.Concurrency is null || queue.Partitions <= 1)
        {
            return create();
        }

        var wanted = queue.PartitionOf(flow.Namespace + "/" + flow.Id);
        for (var i = 0; i < queue.Partitions * TriesPerPartition; i++)
        {
            var id = create();
            if (queue.PartitionOf(id) == wanted)
            {
                return id;
            }
        }

        return create(); // (1 - 1/n)^(64 n) < 1e-27: never in practice
    }
}
