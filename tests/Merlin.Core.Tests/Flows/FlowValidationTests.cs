using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Merlin.Plugins.Log;
using Xunit;

namespace Merlin.Core.Tests.Flows;

/// <summary>Kestra's save-time rules, in units: each refusal names the property.</summary>
public sealed class FlowValidationTests
{
    private readonly FlowParser _parser = new(PluginRegistry.Create(typeof(LogMessage).Assembly));

    private IReadOnlyList<FlowViolation> Violations(string yaml) =>
        Assert.Throws<FlowValidationException>(() => _parser.Parse(yaml)).Violations;

    private static string Dag(params (string Id, string[] DependsOn)[] nodes) =>
        "id: f\nnamespace: t\ntasks:\n  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n" + string.Concat(nodes.Select(n =>
            $"      - task:\n          id: {n.Id}\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [{string.Join(", ", n.DependsOn)}]\n"));

    [Fact]
    public void A_dag_cycle_names_the_tasks_on_it_and_not_those_that_only_depend_on_it()
    {
        var violations = Violations(Dag(("a", ["c"]), ("b", ["a"]), ("c", ["b"]), ("after", ["a"]), ("free", [])));

        Assert.Equal("Cyclic dependency detected: a, b, c", Assert.Single(violations).Message);
    }

    [Fact]
    public void An_acyclic_dag_with_shared_dependencies_is_accepted()
    {
        var flow = _parser.Parse(Dag(("a", []), ("b", ["a"]), ("c", ["a"]), ("d", ["b", "c"])));

        Assert.Equal("f", flow.Id);
    }

    [Theory]
    [InlineData("namespace: t\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", "flow.id")]
    [InlineData("id: f\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", "flow.namespace")]
    [InlineData("id: f\nnamespace: t\n", "flow.tasks")]
    [InlineData("id: f\nnamespace: a..b\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", "flow.namespace")]
    [InlineData("id: f\nnamespace: t.\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", "flow.namespace")]
    [InlineData("id: f\nnamespace: t\ntasks: [null]\n", "flow.tasks[0]")]
    public void A_missing_or_malformed_identity_is_a_violation_not_a_crash(string yaml, string path)
    {
        Assert.Contains(Violations(yaml), v => v.Path == path);
    }

    [Theory]
    [InlineData("PT5S", null)]
    [InlineData("{{ inputs.wait }}", null)]
    [InlineData(null, null)]
    [InlineData("forever", "Invalid ISO-8601 duration 'forever' (expected e.g. PT5S, PT1M30S, P1D)")]
    [InlineData("5", "Invalid ISO-8601 duration '5' (expected e.g. PT5S, PT1M30S, P1D)")]
    public void A_duration_is_valid_when_absent_templated_or_iso(string? text, string? error)
    {
        Assert.Equal(error, IsoDuration.Invalid(text));
    }
}
