using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Limits;
using Merlin.Core.Plugins;
using Xunit;

namespace Merlin.Core.Tests.Limits;

public sealed class YamlLoaderTests
{
    private static readonly LimitOptions Limits = new();

    [Fact]
    public void Nesting_is_counted_while_parsing_so_a_huge_depth_never_reaches_the_node_builder()
    {
        var deep = new string('[', 50_000) + new string(']', 50_000);
        var refused = Assert.Throws<YamlLimitException>(() => YamlLoader.Load(deep, Limits));
        Assert.Contains("deeper than 100 levels", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Merlin:Limits:MaxDepth", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_limit_loads()
    {
        var stream = YamlLoader.Load(new string('[', 100) + new string(']', 100), Limits);
        Assert.Single(stream.Documents);
    }

    [Fact]
    public void Aliases_that_deepen_a_document_past_the_limit_are_refused()
    {
        // 60 levels, then an alias of those 60 levels placed 60 levels down: 120 once expanded.
        var sixty = new string('[', 60) + "x" + new string(']', 60);
        var yaml = $"a: &a {sixty}\nb: {new string('[', 59)}*a{new string(']', 59)}\n";
        var refused = Assert.Throws<YamlLimitException>(() => YamlLoader.Load(yaml, Limits));
        Assert.Contains("once its aliases are expanded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_to_scalars_do_not_count_against_the_collection_alias_budget()
    {
        var yaml = "s: &s hello\nlist: [" + string.Join(", ", Enumerable.Repeat("*s", 200)) + "]\n";
        Assert.Single(YamlLoader.Load(yaml, Limits).Documents);
    }

    [Fact]
    public void A_few_shared_blocks_stay_allowed()
    {
        var yaml = "common: &c {type: x, retry: {maxAttempt: 3}}\nlist: [" + string.Join(", ", Enumerable.Repeat("*c", 20)) + "]\n";
        Assert.Single(YamlLoader.Load(yaml, Limits).Documents);
    }

    [Fact]
    public void The_flow_parser_reports_a_limit_as_a_violation_with_its_position()
    {
        var parser = new FlowParser(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly), new LimitOptions { MaxDepth = 10 });
        var refused = Assert.Throws<FlowValidationException>(() => parser.Parse("id: x\nnamespace: y\nvariables:\n  v: " + new string('[', 20) + new string(']', 20) + "\ntasks: []\n"));
        var violation = Assert.Single(refused.Violations);
        Assert.Equal(4, violation.Position?.Line);
        Assert.Contains("Merlin:Limits:MaxDepth", violation.Message, StringComparison.Ordinal);
    }
}
