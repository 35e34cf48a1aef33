using Merlin.Core.Templating;
using Xunit;

namespace Merlin.Core.Tests.Templating;

public abstract class TemplateTestBase
{
    protected static readonly TemplateEngine Engine = new();

    protected static Dictionary<string, object?> Vars() => new()
    {
        ["name"] = "World",
        ["n"] = 42L,
        ["i"] = 3,
        ["d"] = 1.5,
        ["flag"] = true,
        ["nothing"] = null,
        ["list"] = new List<object?> { 1L, 2L, 3L },
        ["words"] = new List<object?> { "b", "a", "c" },
        ["map"] = new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "two", ["nested"] = new Dictionary<string, object?> { ["x"] = "y" } },
        ["flow"] = new Dictionary<string, object?> { ["id"] = "hello", ["namespace"] = "company.team" },
        ["date"] = new DateTimeOffset(2024, 12, 20, 10, 15, 30, 123, TimeSpan.Zero),
    };

    protected static string R(string template, Dictionary<string, object?>? vars = null, ITemplateHost? host = null) =>
        Engine.Render(template, new TemplateContext(vars ?? Vars(), host));

    protected static object? T(string template, Dictionary<string, object?>? vars = null, ITemplateHost? host = null) =>
        Engine.RenderTyped(template, new TemplateContext(vars ?? Vars(), host));

    protected static TemplateException Fails(string template, Dictionary<string, object?>? vars = null) =>
        Assert.ThrowsAny<TemplateException>(() => R(template, vars));
}
