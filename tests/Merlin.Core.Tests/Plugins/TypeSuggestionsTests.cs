using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;
using Xunit;

namespace Merlin.Core.Tests.Plugins;

public sealed class TypeSuggestionsTests
{
    private static readonly FlowParser Parser = new(PluginRegistry.Create(typeof(Merlin.Plugins.PluginsAssembly).Assembly));

    private static string ErrorOf(string type)
    {
        var error = Assert.Throws<FlowValidationException>(() => Parser.Parse($"id: f\nnamespace: n\ntasks:\n  - id: t\n    type: {type}\n"));
        return error.Violations.Single().Message;
    }

    [Theory]
    [InlineData("io.kestra.plugin.core.log.Logg", "io.kestra.plugin.core.log.Log")]
    [InlineData("io.kestra.plugin.core.flow.Paralel", "io.kestra.plugin.core.flow.Parallel")]
    [InlineData("Log", "io.kestra.plugin.core.log.Log")]
    [InlineData("io.kestra.plugin.core.debug.Log", "io.kestra.plugin.core.log.Log")]
    public void A_mistyped_task_type_suggests_the_registered_one(string typed, string suggested)
    {
        Assert.Contains($"did you mean `{suggested}`?", ErrorOf(typed));
    }

    [Theory]
    [InlineData("io.kestra.plugin.scripts.r.Script")]
    [InlineData("io.kestra.plugin.jdbc.postgresql.Query")]
    [InlineData("io.kestra.plugin.core.flow.LoopUntil")]
    public void A_real_kestra_plugin_merlin_lacks_is_named_as_such(string type)
    {
        var message = ErrorOf(type);

        Assert.Equal($"Invalid type: {type} is a Kestra plugin not available in Merlin (docs/reference/README.md lists the types Merlin runs)", message);
    }

    [Fact]
    public void Anything_else_stays_an_invalid_type_without_a_wild_guess()
    {
        Assert.Equal("Invalid type: com.example.Nothing", ErrorOf("com.example.Nothing"));
    }
}
