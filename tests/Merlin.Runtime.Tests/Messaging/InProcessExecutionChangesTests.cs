using Merlin.Core.Executions;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Messaging.InProcess;
using Merlin.Runtime.Tests.Scheduler;

namespace Merlin.Runtime.Tests.Messaging;

public sealed class InProcessExecutionChangesTests
{
    [Fact]
    public void A_listener_that_names_the_states_it_wants_hears_only_those()
    {
        IExecutionChanges changes = new InProcessExecutionChanges();
        var heard = new List<StateType>();
        using var ends = changes.OnChanged(e => heard.Add(e.State.Current), c => c.State.IsTerminated());

        changes.Publish(ConditionEvaluatorTests.Upstream("n", "f", StateType.RUNNING));
        changes.Publish(ConditionEvaluatorTests.Upstream("n", "f", StateType.SUCCESS));

        Assert.Equal([StateType.SUCCESS], heard);
    }

    [Fact]
    public void Ending_one_of_two_subscriptions_of_one_listener_keeps_the_other()
    {
        var changes = new InProcessExecutionChanges();
        var heard = 0;
        void Count(Execution _) => heard++;
        Action<Execution> listener = Count;
        var first = changes.OnChanged(listener);
        using var second = changes.OnChanged(listener);

        first.Dispose();
        first.Dispose(); // twice: still only its own subscription
        changes.Publish(ConditionEvaluatorTests.Upstream("n", "f", StateType.RUNNING));

        Assert.Equal(1, heard);
    }
}
