using Merlin.Core.Limits;
using Merlin.Core.Templating;
using Xunit;

namespace Merlin.Core.Tests.Limits;

public sealed class TemplateBudgetTests
{
    private static readonly Dictionary<string, object?> NoVariables = [];

    [Fact]
    public void A_range_larger_than_the_step_budget_fails_before_allocating()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxSteps = 1_000 });
        var refused = Assert.ThrowsAny<TemplateException>(() => engine.Render("{{ range(0, 100000000) | length }}", new TemplateContext(NoVariables)));
        Assert.Contains("Merlin:Limits:TemplateMaxSteps", refused.Message, StringComparison.Ordinal);
        Assert.Equal("11", engine.Render("{{ range(0, 10) | length }}", new TemplateContext(NoVariables)));
    }

    [Fact]
    public void The_executor_engine_shares_the_cache_under_its_own_smaller_budget()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxSteps = 1_000_000, EngineTemplateMaxSteps = 100 });
        const string loop = "{% for i in range(0, 500) %}{% endfor %}ok";
        Assert.Equal("ok", engine.Render(loop, new TemplateContext(NoVariables)));
        var refused = Assert.ThrowsAny<TemplateException>(() => engine.ForExecutor().Render(loop, new TemplateContext(NoVariables)));
        Assert.Contains("Merlin:Limits:EngineTemplateMaxSteps", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_is_shared_by_every_render_of_one_context()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxSteps = 2_500 });
        var context = new TemplateContext(NoVariables, budget: engine.NewBudget());
        engine.Render("{% for i in range(0, 500) %}{% endfor %}", context);
        engine.Render("{% for i in range(0, 500) %}{% endfor %}", context);
        Assert.ThrowsAny<TemplateException>(() => engine.Render("{% for i in range(0, 500) %}{% endfor %}", context));
    }

    [Fact]
    public void Cancellation_stops_a_render_inside_its_loops()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxSteps = long.MaxValue });
        using var cancel = new CancellationTokenSource();
        var budget = engine.NewBudget(cancel.Token);
        budget.HeavyAfter = 5_000;
        budget.OnHeavy = cancel.Cancel;
        Assert.ThrowsAny<OperationCanceledException>(() =>
            engine.Render("{% for i in range(0, 100000) %}{% for j in range(0, 100000) %}{% endfor %}{% endfor %}", new TemplateContext(NoVariables, budget: budget)));
        Assert.InRange(budget.Steps, 5_000, 5_000 + 1_024 + 100_000);
    }

    [Fact]
    public void Nested_render_calls_stop_at_the_render_depth()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxRenderDepth = 4 });
        var vars = new Dictionary<string, object?> { ["vars"] = new Dictionary<string, object?> { ["a"] = "{{ render(vars.a) }}", ["b"] = "{{ render(vars.c) }}", ["c"] = "done" } };
        var refused = Assert.ThrowsAny<TemplateException>(() => engine.Render("{{ render(vars.a) }}", new TemplateContext(vars)));
        Assert.Contains("Merlin:Limits:TemplateMaxRenderDepth", refused.Message, StringComparison.Ordinal);
        Assert.Equal("done", engine.Render("{{ render(vars.b) }}", new TemplateContext(vars)));
    }

    [Fact]
    public void Text_longer_than_the_output_limit_fails()
    {
        var engine = new TemplateEngine(new LimitOptions { TemplateMaxOutputLength = 1_000 });
        var refused = Assert.ThrowsAny<TemplateException>(() => engine.Render("{% for i in range(0, 2000) %}x{% endfor %}", new TemplateContext(NoVariables)));
        Assert.Contains("Merlin:Limits:TemplateMaxOutputLength", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_jq_programs_and_deep_expressions_fail_instead_of_overflowing_the_stack()
    {
        var engine = new TemplateEngine();
        var jq = "{{ '{}' | jq('" + string.Concat(Enumerable.Repeat("[", 30_000)) + "." + string.Concat(Enumerable.Repeat("]", 30_000)) + "') }}";
        Assert.ThrowsAny<TemplateException>(() => engine.Render(jq, new TemplateContext(NoVariables)));
        var pipes = "{{ '{}' | jq('." + string.Concat(Enumerable.Repeat("|.", 200_000)) + "') }}";
        Assert.ThrowsAny<TemplateException>(() => engine.Render(pipes, new TemplateContext(NoVariables)));
        var parens = "{{ " + new string('(', 50_000) + "1" + new string(')', 50_000) + " }}";
        Assert.ThrowsAny<TemplateException>(() => engine.Render(parens, new TemplateContext(NoVariables)));
    }
}
