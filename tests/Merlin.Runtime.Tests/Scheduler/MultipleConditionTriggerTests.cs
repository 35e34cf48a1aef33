using Merlin.Core.Conditions;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Merlin.Runtime.Tests.Scheduler;

/// <summary>
/// Flow triggers waiting for several upstream flows (MultipleCondition and preconditions over a durable window), and
/// triggers on non-terminal states.
/// </summary>
public sealed class MultipleConditionTriggerTests
{
    private const string Multiple = """
          - id: both
            type: io.kestra.plugin.core.trigger.Flow
            conditions:
              - id: multiple
                type: io.kestra.plugin.core.condition.MultipleCondition
                window: P1D
                windowAdvance: P0D
                conditions:
                  success:
                    type: io.kestra.plugin.core.condition.ExecutionStatus
                    in: [SUCCESS]
                  flow-a:
                    type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: tests
                    flowId: a
                  flow-b:
                    type: io.kestra.plugin.core.condition.ExecutionFlow
                    namespace: tests
                    flowId: b
        """;

    private const string Preconditions = """
          - id: both
            type: io.kestra.plugin.core.trigger.Flow
            preconditions:
              id: pre
              flows:
                - namespace: tests
                  flowId: a
                  states: [SUCCESS]
                - namespace: tests
                  flowId: b
              where:
                - id: labelled
                  filters:
                    - field: FLOW_ID
                      type: EQUAL_TO
                      value: a
                    - field: EXPRESSION
                      type: IS_TRUE
                      value: "{{ labels.team == 'data' }}"
        """;

    private readonly FakeLauncher _launcher = new(TimeProvider.System);
    private readonly InMemoryConditionWindows _windows = new();

    private FlowTriggerEvaluator Evaluator() => new(_launcher, new InMemoryTriggerStates(), new ConditionEvaluator(new TemplateEngine()),
        EngineEnvironment.Default, new TemplateEngine(), _windows, TimeProvider.System, NullLogger<FlowTriggerEvaluator>.Instance);

    [Fact]
    public async Task A_multiple_condition_fires_once_every_named_condition_was_met_in_the_window_then_starts_over()
    {
        var flow = TestFlows.Listening(Multiple);
        var evaluator = Evaluator();

        await evaluator.EvaluateAsync(Upstream("a", StateType.SUCCESS), null, [flow], default);
        Assert.Empty(_launcher.Requests);
        Assert.Equal(["flow-a", "success"], (await _windows.GetAsync("tests", "listener", "multiple", default))!.Results.Keys.Order());

        var b = Upstream("b", StateType.SUCCESS);
        await Evaluator().EvaluateAsync(b, null, [flow], default); // a new evaluator: the window is what is remembered

        Assert.Equal(b.Id, Assert.Single(_launcher.Requests).Trigger!.Variables["executionId"]);
        Assert.Null(await _windows.GetAsync("tests", "listener", "multiple", default));

        await evaluator.EvaluateAsync(Upstream("b", StateType.SUCCESS), null, [flow], default);
        Assert.Single(_launcher.Requests);
    }

    [Fact]
    public async Task Preconditions_need_each_upstream_flow_and_each_where_filter_met_by_some_execution()
    {
        var flow = TestFlows.Listening(Preconditions);
        var evaluator = Evaluator();

        await evaluator.EvaluateAsync(Upstream("a", StateType.SUCCESS), null, [flow], default); // no label: the where filter is not met
        await evaluator.EvaluateAsync(Upstream("b", StateType.FAILED), null, [flow], default);
        Assert.Empty(_launcher.Requests);

        await evaluator.EvaluateAsync(Upstream("a", StateType.SUCCESS, new Label("team", "data")), null, [flow], default);

        Assert.Single(_launcher.Requests);
    }

    [Fact]
    public async Task A_window_that_has_ended_is_replaced_by_an_empty_one()
    {
        var flow = TestFlows.Listening(Multiple);
        await Evaluator().EvaluateAsync(Upstream("a", StateType.SUCCESS), null, [flow], default);
        var stored = (await _windows.GetAsync("tests", "listener", "multiple", default))!;
        await _windows.SaveAsync(stored with { Start = stored.Start.AddDays(-2), End = stored.End.AddDays(-2) }, default);

        await Evaluator().EvaluateAsync(Upstream("b", StateType.SUCCESS), null, [flow], default);

        Assert.Empty(_launcher.Requests);
        Assert.Equal(["flow-b", "success"], (await _windows.GetAsync("tests", "listener", "multiple", default))!.Results.Keys.Order());
    }

    [Fact]
    public async Task A_trigger_fires_on_each_state_change_even_when_a_state_comes_back_after_a_pause()
    {
        var flow = TestFlows.Listening("  - id: listen\n    type: io.kestra.plugin.core.trigger.Flow\n    states: [RUNNING, PAUSED, SUCCESS]\n");
        var evaluator = Evaluator();
        var upstream = Upstream("a", StateType.CREATED);
        var now = upstream.State.StartDate;
        foreach (var state in new[] { StateType.RUNNING, StateType.PAUSED, StateType.RUNNING, StateType.SUCCESS })
        {
            now = now.AddSeconds(1);
            upstream = upstream.WithState(state, now);
            await evaluator.EvaluateAsync(upstream, null, [flow], default);
            await evaluator.EvaluateAsync(upstream, null, [flow], default); // the same change published twice
        }

        Assert.Equal(["RUNNING", "PAUSED", "RUNNING", "SUCCESS"], _launcher.Requests.Select(r => (string?)r.Trigger!.Variables["state"]));
    }

    private static Execution Upstream(string flowId, StateType state, params Label[] labels) =>
        ConditionEvaluatorTests.Upstream("tests", flowId, state, labels) with { Id = Ids.Create() };
}
