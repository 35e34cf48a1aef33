using Merlin.Core.Engine;
using Merlin.Runtime.Executor;
using Xunit;

namespace Merlin.Runtime.Tests.Executor;

public sealed class ConcurrencyGateTests
{
    private static readonly ExecutionAction[] Take = [new ExecutionAction.TakeConcurrencySlot()];
    private static readonly ExecutionAction[] Await = [new ExecutionAction.AwaitConcurrencySlot()];

    [Fact]
    public void A_decision_made_from_a_stale_count_is_refused_so_it_is_made_again()
    {
        var gate = new ConcurrencyGate();
        var seenByA = gate.Admitted("t", "f", "a");
        var seenByB = gate.Admitted("t", "f", "b");

        Assert.True(gate.TryRecord("t", "f", "a", seenByA, Take));
        Assert.False(gate.TryRecord("t", "f", "b", seenByB, Take));
        Assert.Equal(1, gate.Admitted("t", "f", "b"));
    }

    [Fact]
    public void The_count_excludes_the_asking_execution_so_asking_again_is_idempotent()
    {
        var gate = new ConcurrencyGate();
        Assert.True(gate.TryRecord("t", "f", "a", 0, Take));

        Assert.Equal(0, gate.Admitted("t", "f", "a"));
        Assert.True(gate.TryRecord("t", "f", "a", 0, Take));
        Assert.Equal(1, gate.Admitted("t", "f", "other"));
    }

    [Fact]
    public void A_freed_slot_goes_to_the_first_queued_execution()
    {
        var gate = new ConcurrencyGate();
        Assert.True(gate.TryRecord("t", "f", "a", 0, Take));
        Assert.True(gate.TryRecord("t", "f", "b", 1, Await));
        Assert.True(gate.TryRecord("t", "f", "c", 1, Await));

        Assert.Equal("b", gate.Release("t", "f", "a"));
        Assert.Equal("c", gate.Release("t", "f", "b"));
        Assert.Null(gate.Release("t", "f", "c"));
        Assert.Equal(0, gate.Admitted("t", "f", "x"));
    }
}
