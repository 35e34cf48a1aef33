using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Tests;

/// <summary>Executions of a flow with a concurrency limit share one executor partition; others spread.</summary>
public sealed class ExecutionIdsTests
{
    private static readonly Flow Limited = new() { Id = "limited", Namespace = "tests", Tasks = [], Concurrency = new ConcurrencyLimit { Limit = 1 } };
    private static readonly Flow Free = new() { Id = "free", Namespace = "tests", Tasks = [] };

    [Fact]
    public void A_limited_flow_gets_ids_in_its_own_partition()
    {
        var queue = new Partitioned(32);
        var wanted = queue.PartitionOf("tests/limited");

        var partitions = Enumerable.Range(0, 200).Select(_ => queue.PartitionOf(ExecutionIds.New(queue, Limited, Ids.Create))).Distinct().ToList();

        Assert.Equal([wanted], partitions);
    }

    [Fact]
    public void Other_flows_spread_over_the_partitions()
    {
        var queue = new Partitioned(32);

        var partitions = Enumerable.Range(0, 200).Select(_ => queue.PartitionOf(ExecutionIds.New(queue, Free, Ids.Create))).Distinct().Count();

        Assert.True(partitions > 16, $"only {partitions} partitions used");
    }

    /// <summary>Only the partitioning matters here.</summary>
    private sealed class Partitioned(int partitions) : IExecutionQueue
    {
        public int Partitions => partitions;

        public int Depth => 0;

        public int PartitionOf(string executionId) => (int)((uint)executionId.GetHashCode(StringComparison.Ordinal) % (uint)partitions);

        public Task SubmitAsync(Execution execution, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SubmitNewAsync(Execution execution, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SendAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Execution?> ApplyAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<ExecutionMessage> ReadAsync(int partition, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
