using Merlin.Core.Executions;

namespace Merlin.Core.Tests.Engine.Golden;

/// <summary>The representative flows whose histories are recorded: one per kind of semantics the engine holds.</summary>
internal static class GoldenScenarios
{
    private const string Valids = "kestra-tests/flows/valids/";

    public static IReadOnlyList<GoldenScenario> All { get; } =
    [
        new("sequential", "kestra-flows/io.kestra.tests.sequential.yaml"),
        new("parallel", Valids + "parallel.yaml"),
        new("dag", Valids + "dag.yaml"),
        new("if", Valids + "if.yaml", Inputs: new Dictionary<string, object?> { ["if1"] = true, ["if2"] = false, ["if3"] = true }),
        new("switch", Valids + "switch.yaml", Inputs: new Dictionary<string, object?> { ["string"] = "SECOND", ["def"] = "amazing" }),
        new("each-sequential", "kestra-flows/io.kestra.tests.each-sequential.yaml"),
        new("each-parallel", Valids + "each-parallel.yaml"),
        new("each-switch", Valids + "each-switch.yaml"),
        new("errors", Valids + "errors.yaml"),
        new("sequential-with-local-errors", Valids + "sequential-with-local-errors.yaml"),
        new("retry-failed", Valids + "retry-failed.yaml"),
        new("retry-success", Valids + "retry-success.yaml", Answers: new Dictionary<string, StateType[]> { ["failed"] = [StateType.FAILED, StateType.FAILED, StateType.SUCCESS] }),
        new("pause-resume", Valids + "pause.yaml", ResumeWhenPaused: true),
        new("pause-delay", Valids + "pause-delay.yaml"),
        new("subflow", Valids + "subflow-parent.yaml"),
        new("kill", "kestra-flows/io.kestra.tests.sequential.yaml", KillOnFirstDispatch: true),
        new("restart", Valids + "restart_last_failed.yaml", Answers: new Dictionary<string, StateType[]> { ["c"] = [StateType.FAILED, StateType.SUCCESS] }, Restarts: 1),
        new("waitfor", Valids + "waitfor.yaml"),
        new("concurrency-queue", Valids + "flow-concurrency-queue.yml", Admitted: 1),
        new("concurrency-admitted", Valids + "flow-concurrency-cancel.yml"),
        new("concurrency-cancel", Valids + "flow-concurrency-cancel.yml", Admitted: 1),
        new("concurrency-fail", Valids + "flow-concurrency-fail.yml", Admitted: 1),
        new("allow-failure", Valids + "task-allow-failure-flowable.yml"),
        new("loop", """
            id: loop
            namespace: io.kestra.tests
            tasks:
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: ["a", "b", "c"]
                concurrencyLimit: 2
                tasks:
                  - id: r
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.index }}:{{ item.value }}"
            outputs:
              - id: last
                type: STRING
                value: "{{ outputs.loop.iterationCount }}"
            """),
    ];
}
