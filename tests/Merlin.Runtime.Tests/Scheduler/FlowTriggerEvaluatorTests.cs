using Merlin.Core.Conditions;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Templating;
using Merlin.Runtime.Scheduler;
using Merlin.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Merlin.Runtime.Tests.Scheduler;

public sealed class FlowTriggerEvaluatorTests
{
    private const string Downstream = """
        id: downstream
        namespace: tests
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hi
        triggers:
          - id: on-end
            type: io.kestra.plugin.core.trigger.Flow
            inputs:
              rows: "{{ trigger.outputs.rows }}"
            labels:
              upstream: "{{ trigger.flowId }}"
            conditions:
              - type: io.kestra.plugin.core.condition.ExecutionNamespace
                namespace: tests
        """;

    private readonly FakeLauncher _launcher = new(TimeProvider.System);
    private readonly FlowTriggerEvaluator _evaluator;

    public FlowTriggerEvaluatorTests() => _evaluator = new FlowTriggerEvaluator(_launcher, new InMemoryTriggerStates(),
        new ConditionEvaluator(new TemplateEngine()), EngineEnvironment.Default, new TemplateEngine(), new InMemoryConditionWindows(), TimeProvider.System, NullLogger<FlowTriggerEvaluator>.Instance);

    [Fact]
    public async Task Terminal_upstream_starts_the_downstream_once_with_trigger_variables()
    {
        var flow = TestFlows.Parse(Downstream);
        var upstream = ConditionEvaluatorTests.Upstream("tests", "upstream", StateType.SUCCESS);

        await _evaluator.EvaluateAsync(upstream, null, [flow], default);
        await _evaluator.EvaluateAsync(upstream, null, [flow], default); // the same end seen again

        var request = Assert.Single(_launcher.Requests);
        Assert.Equal(upstream.Id, request.Trigger!.Variables["executionId"]);
        Assert.Equal("SUCCESS", request.Trigger.Variables["state"]);
        Assert.Equal("upstream", request.Trigger.Variables["flowId"]);
        Assert.Equal(new Core.Inputs.InputValue.Text("42"), request.Inputs["rows"]);
        Assert.Equal("upstream", Assert.Single(request.Labels).Value);
        Assert.False(request.TypedInputs);
        Assert.False(request.CorrelationId);
    }

    [Fact]
    public async Task Running_states_other_namespaces_and_the_flow_itself_do_not_trigger()
    {
        var flow = TestFlows.Parse(Downstream);

        await _evaluator.EvaluateAsync(ConditionEvaluatorTests.Upstream("tests", "upstream", StateType.RUNNING), null, [flow], default);
        await _evaluator.EvaluateAsync(ConditionEvaluatorTests.Upstream("elsewhere", "upstream", StateType.SUCCESS), null, [flow], default);
        await _evaluator.EvaluateAsync(ConditionEvaluatorTests.Upstream("tests", "downstream", StateType.SUCCESS), null, [flow], default);

        Assert.Empty(_launcher.Requests);
    }
}
