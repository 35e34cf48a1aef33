using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Xunit;

namespace Merlin.Core.Tests.Engine;

/// <summary>Kestra 2.0's <c>io.kestra.plugin.core.flow.Loop</c> through <see cref="ExecutionEngine.Advance"/>.</summary>
public sealed class LoopAdvanceTests
{
    private static EngineHarness Loop(string properties, string tasks = "", string after = "") => new($"""
        id: f
        namespace: t
        tasks:
          - id: loop
            type: io.kestra.plugin.core.flow.Loop
        {properties}
            tasks:
              - id: r
                type: io.kestra.plugin.core.debug.Return
                format: "{"{{ item.index }}"}:{"{{ item.value }}"}"
        {tasks}
        {after}
        """);

    [Fact]
    public void Iterations_start_all_at_once_by_default_and_keep_duplicates_in_order()
    {
        var h = Loop("""    values: ["a", "b", "a"]""");
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartLoopIteration>().Select(s => s.Iteration).ToList();

        Assert.Equal([0, 1, 2], first.Select(i => i.LoopRun!.Index));
        Assert.Equal(["a", "b", "a"], first.Select(i => i.LoopRun!.Value));
        Assert.DoesNotContain(h.Execution.TaskRunList, r => r.TaskId == "r");
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(["0:a", "1:b", "2:a"], h.Runs("r").Select(r => (string)r.Outputs!["value"]!));
        var outputs = h.Run("loop").Outputs!;
        Assert.Equal(3, outputs["iterationCount"]);
        Assert.Equal(0, outputs["runningIterations"]);
        Assert.Equal(3, ((IReadOnlyDictionary<string, object?>)outputs["terminatedIterations"]!)["SUCCESS"]);
    }

    [Fact]
    public void ConcurrencyLimit_caps_the_iterations_running_at_once()
    {
        var h = Loop("""
                values: '[1, 2, 3, 4, 5]'
                concurrencyLimit: 2
            """);
        var first = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartLoopIteration>().ToList();

        Assert.Equal(2, first.Count);
        var ended = first[0].Iteration.WithState(StateType.RUNNING, h.Now).WithState(StateType.SUCCESS, h.Now);
        h.Advance(new ExecutionEvent.LoopIterationReported(h.Run("loop").Id, ended));
        Assert.Equal(2, Assert.Single(h.Actions.OfType<ExecutionAction.StartLoopIteration>()).Iteration.LoopRun!.Index);
        Assert.Equal(2, h.Run("loop").Outputs!["runningIterations"]);

        // The same end reported again changes nothing.
        h.Advance(new ExecutionEvent.LoopIterationReported(h.Run("loop").Id, ended));
        Assert.Empty(h.Actions);
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(5, h.Runs("r").Count()); // the harness runs the first iteration too; its own end report is then ignored
        Assert.Equal(5, ((IReadOnlyDictionary<string, object?>)h.Run("loop").Outputs!["terminatedIterations"]!)["SUCCESS"]);
    }

    [Fact]
    public void A_failed_iteration_fails_the_loop_and_stops_new_iterations_by_default()
    {
        var h = Loop("""
                values: [a, b, c]
                concurrencyLimit: 1
            """).Answer("r", StateType.SUCCESS, StateType.FAILED, StateType.SUCCESS);

        Assert.Equal(StateType.FAILED, h.Run().State.Current);
        Assert.Equal(2, h.Runs("r").Count());
        Assert.Equal(StateType.FAILED, h.Run("loop").State.Current);
        Assert.Equal([StateType.SUCCESS, StateType.FAILED], h.Iterations.Select(i => i.State.Current));
    }

    [Fact]
    public void TransmitFailed_false_runs_every_iteration_and_the_loop_succeeds()
    {
        var h = Loop("""
                values: [a, b, c]
                concurrencyLimit: 1
                transmitFailed: false
            """).Answer("r", StateType.SUCCESS, StateType.FAILED, StateType.SUCCESS);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(3, h.Runs("r").Count());
        var terminated = (IReadOnlyDictionary<string, object?>)h.Run("loop").Outputs!["terminatedIterations"]!;
        Assert.Equal(2, terminated["SUCCESS"]);
        Assert.Equal(1, terminated["FAILED"]);
    }

    [Fact]
    public void The_errors_branch_runs_inside_the_failing_iteration_with_its_item()
    {
        var h = Loop("""
                values: [a, b]
                concurrencyLimit: 1
                transmitFailed: false
                errors:
                  - id: handle
                    type: io.kestra.plugin.core.debug.Return
                    format: "failed {{ item.value }}"
            """).Answer("r", StateType.FAILED, StateType.SUCCESS);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        var handle = Assert.Single(h.Runs("handle"));
        Assert.Equal("a", h.Iterations.Single(i => i.Id == handle.ExecutionId).LoopRun!.Value);
        Assert.Equal("failed a", handle.Outputs!["value"]);
    }

    [Fact]
    public void BreakWhen_stops_new_iterations_after_a_truthy_iteration()
    {
        var h = Loop("""
                values: [a, b, c, d]
                concurrencyLimit: 1
                breakWhen: "{{ outputs.r.value == '1:b' and iteration.state == 'SUCCESS' }}"
            """);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(["0:a", "1:b"], h.Runs("r").Select(r => (string)r.Outputs!["value"]!));
        Assert.Equal(4, h.Run("loop").Outputs!["iterationCount"]);
    }

    [Fact]
    public void Declared_outputs_are_rendered_per_iteration_and_loopOutputs_lists_one_of_them()
    {
        var h = Loop("""
                values: [x, y]
                outputs:
                  - id: label
                    type: STRING
                    value: "{{ outputs.r.value }}"
            """, after: """
          - id: after
            type: io.kestra.plugin.core.debug.Return
            format: "{{ loopOutputs(outputs.loop.outputs, 'label') | join(',') }}|{{ outputs.r is defined }}"
        """);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        var first = (IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)h.Run("loop").Outputs!["outputs"]!)[0]!;
        Assert.Equal("x", ((IReadOnlyDictionary<string, object?>)first["item"]!)["value"]);
        Assert.Equal(1, ((IReadOnlyDictionary<string, object?>)first["item"]!)["iteration"]);
        Assert.Equal("0:x", ((IReadOnlyDictionary<string, object?>)first["outputs"]!)["label"]);
        Assert.Equal("0:x,1:y|false", h.Run("after").Outputs!["value"]);
    }

    [Fact]
    public void Nested_loops_see_their_parent_item_and_flowables_inside_see_item()
    {
        var h = new EngineHarness("""
            id: f
            namespace: t
            tasks:
              - id: outer
                type: io.kestra.plugin.core.flow.Loop
                values: [b1, b2]
                tasks:
                  - id: inner
                    type: io.kestra.plugin.core.flow.Loop
                    values: [2025, 2026]
                    tasks:
                      - id: if
                        type: io.kestra.plugin.core.flow.If
                        condition: "{{ item.value == '2026' }}"
                        then:
                          - id: r
                            type: io.kestra.plugin.core.debug.Return
                            format: "{{ item.parent.value }}/{{ item.parents[0].index }}/{{ item.value }}/{{ item.index }}"
            """);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(["b1/0/2026/1", "b2/1/2026/1"], h.Runs("r").Select(r => (string)r.Outputs!["value"]!).Order());
    }

    [Fact]
    public void Finally_runs_at_the_end_of_each_iteration_as_in_Kestra()
    {
        var h = Loop("""
                values: [a, b]
                finally:
                  - id: cleanup
                    type: io.kestra.plugin.core.log.Log
                    message: done
            """);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(2, h.Runs("cleanup").Count());
        foreach (var iteration in h.Iterations)
        {
            var r = iteration.TaskRunList.Single(t => t.TaskId == "r");
            var cleanup = iteration.TaskRunList.Single(t => t.TaskId == "cleanup");
            Assert.True(r.State.EndDate <= cleanup.State.StartDate);
        }
    }

    [Fact]
    public void Values_not_a_json_array_fail_the_loop_with_a_message()
    {
        Assert.Equal(StateType.FAILED, Loop("    values: 'not json'").Run().State.Current);
    }

    [Fact]
    public void Values_from_a_file_are_read_by_the_runtime_then_iterated_one_line_each()
    {
        var h = Loop("    values: 'kestra:///t/f/file.ion'");
        var started = h.Advance(new ExecutionEvent.Tick());
        var read = Assert.Single(started.OfType<ExecutionAction.ReadLoopValues>());
        Assert.Equal("kestra:///t/f/file.ion", read.Uri);
        Assert.Empty(started.OfType<ExecutionAction.StartLoopIteration>());

        // A restart before the answer asks again; the answer then starts one iteration per line.
        Assert.Single(h.Advance(new ExecutionEvent.Recover()).OfType<ExecutionAction.ReadLoopValues>());
        h.Advance(new ExecutionEvent.LoopValuesRead(read.TaskRunId, ["x", "y"]));

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(["0:x", "1:y"], h.Runs("r").Select(r => (string)r.Outputs!["value"]!));
        Assert.Equal(2, h.Run("loop").Outputs!["iterationCount"]);
    }

    [Fact]
    public void An_unreadable_values_file_fails_the_loop_with_the_reason()
    {
        var h = Loop("    values: '{{ \"kestra:///t/f/missing.txt\" }}'");
        var read = Assert.Single(h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.ReadLoopValues>());
        h.Advance(new ExecutionEvent.LoopValuesRead(read.TaskRunId, null, "no such file"));

        Assert.Equal(StateType.FAILED, h.Run().State.Current);
        Assert.Empty(h.Runs("r"));
    }

    [Fact]
    public void A_map_gives_one_iteration_per_entry_with_item_key()
    {
        var h = Loop("""
                values:
                  first: one
                  second: two
                outputs:
                  - id: k
                    type: STRING
                    value: "{{ item.key }}"
            """, tasks: """
                  - id: k
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ item.key }}={{ item.value }}"
            """);

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(["first=one", "second=two"], h.Runs("k").Select(r => (string)r.Outputs!["value"]!));
        var second = (IReadOnlyDictionary<string, object?>)((IReadOnlyList<object?>)h.Run("loop").Outputs!["outputs"]!)[1]!;
        Assert.Equal("second", ((IReadOnlyDictionary<string, object?>)second["item"]!)["key"]);
    }

    [Fact]
    public void Empty_values_end_the_loop_at_once()
    {
        var h = Loop("    values: []");
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(0, h.Run("loop").Outputs!["iterationCount"]);
    }

    [Fact]
    public void An_iteration_is_an_execution_of_kind_LOOP_that_sees_the_inputs_and_the_outputs_before_the_loop()
    {
        var h = new EngineHarness("""
            id: f
            namespace: t
            inputs:
              - id: who
                type: STRING
                defaults: you
            tasks:
              - id: before
                type: io.kestra.plugin.core.debug.Return
                format: hello
              - id: loop
                type: io.kestra.plugin.core.flow.Loop
                values: [a]
                tasks:
                  - id: r
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.before.value }} {{ inputs.who }} {{ item.value }} {{ execution.id }}"
            """);
        h.Change(e => e with { Inputs = new Dictionary<string, object?> { ["who"] = "you" } });

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        var iteration = Assert.Single(h.Iterations);
        Assert.Equal((Execution.LoopKind, h.Execution.Id), (iteration.Kind, iteration.ParentId));
        Assert.Equal((h.Run("loop").Id, "loop", 0), (iteration.LoopRun!.TaskRunId, iteration.LoopRun.TaskId, iteration.LoopRun.Index));
        Assert.Equal(StateType.SUCCESS, iteration.State.Current);
        var r = Assert.Single(iteration.TaskRunList);
        Assert.Equal(h.Run("loop").Id, r.ParentTaskRunId);
        Assert.Equal($"hello you a {iteration.Id}", r.Outputs!["value"]);
        Assert.DoesNotContain(h.Execution.TaskRunList, t => t.TaskId == "r");
    }

    [Fact]
    public void Killing_the_execution_kills_its_running_iterations()
    {
        var h = Loop("    values: [a, b]");
        var started = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartLoopIteration>().Select(s => s.Iteration.Id).ToList();

        var kills = h.Advance(new ExecutionEvent.Kill()).OfType<ExecutionAction.KillChild>().Select(k => k.ChildExecutionId);

        Assert.Equal(started, kills);
        Assert.Equal(StateType.KILLED, h.Execution.State.Current);
    }

    [Fact]
    public void Recovery_asks_again_for_the_running_iterations_with_the_same_ids()
    {
        var h = Loop("""
                values: [a, b, c]
                concurrencyLimit: 2
            """);
        var started = h.Advance(new ExecutionEvent.Tick()).OfType<ExecutionAction.StartLoopIteration>().Select(s => s.Iteration).ToList();
        // As the store gives it back after a restart (counts read back as longs).
        h.Change(e => Merlin.Core.Json.KestraJson.Deserialize<Execution>(Merlin.Core.Json.KestraJson.Serialize(e))!);

        var again = h.Advance(new ExecutionEvent.Recover()).OfType<ExecutionAction.StartLoopIteration>().Select(s => s.Iteration).ToList();

        Assert.Equal(started.Select(i => (i.Id, i.LoopRun!.Index, i.LoopRun.Value)), again.Select(i => (i.Id, i.LoopRun!.Index, i.LoopRun.Value)));
        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        Assert.Equal(3, h.Iterations.Count());
    }

    [Fact]
    public void A_restarted_loop_runs_its_iterations_again_counted_afresh()
    {
        var h = Loop("""
                values: [a, b, c]
                concurrencyLimit: 1
            """).Answer("r", StateType.SUCCESS, StateType.FAILED, StateType.SUCCESS);
        Assert.Equal(StateType.FAILED, h.Run().State.Current);

        h.Advance(new ExecutionEvent.Restart());

        Assert.Equal(StateType.SUCCESS, h.Run().State.Current);
        var outputs = h.Run("loop").Outputs!;
        Assert.Equal(3, ((IReadOnlyDictionary<string, object?>)outputs["terminatedIterations"]!)["SUCCESS"]);
        Assert.False(((IReadOnlyDictionary<string, object?>)outputs["terminatedIterations"]!).ContainsKey("FAILED"));
        Assert.Equal(5, h.Iterations.Count()); // two before the restart, three after
    }
}
