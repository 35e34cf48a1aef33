using Xunit;
namespace Merlin.Core.Tests.Templating;

public class EngineTests : TemplateTestBase
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("Hello {{ name }}!", "Hello World!")]
    [InlineData("{{ n }}", "42")]
    [InlineData("{{ i }}", "3")]
    [InlineData("{{ d }}", "1.5")]
    [InlineData("{{ flag }}", "true")]
    [InlineData("[{{ nothing }}]", "[]")]
    [InlineData("{{ list }}", "[1,2,3]")]
    [InlineData("{{ map }}", "{\"a\":1,\"b\":\"two\",\"nested\":{\"x\":\"y\"}}")]
    [InlineData("{{ map.nested.x }}", "y")]
    [InlineData("{{ map['b'] }}", "two")]
    [InlineData("{{ list[1] }}", "2")]
    [InlineData("{{ date }}", "2024-12-20T10:15:30.123Z")]
    [InlineData("{{ 1 + 2 * 3 }}", "7")]
    [InlineData("{{ (1 + 2) * 3 }}", "9")]
    [InlineData("{{ 7 / 2 }}", "3")]
    [InlineData("{{ 7 / 2.0 }}", "3.5")]
    [InlineData("{{ 7 % 3 }}", "1")]
    [InlineData("{{ 2.0 * 2 }}", "4.0")]
    [InlineData("{{ -n }}", "-42")]
    [InlineData("{{ 10 - -2 }}", "12")]
    [InlineData("{{ 'a' ~ 1 ~ true }}", "a1true")]
    [InlineData("{{ 'a' + 1 }}", "a1")]
    [InlineData("{{ 1 == 1.0 }}", "true")]
    [InlineData("{{ 'x' == \"x\" }}", "true")]
    [InlineData("{{ 1 != 2 and 2 > 1 }}", "true")]
    [InlineData("{{ 1 >= 2 or 2 <= 1 }}", "false")]
    [InlineData("{{ not flag }}", "false")]
    [InlineData("{{ not false and false }}", "true")]
    [InlineData("{{ list contains 2 }}", "true")]
    [InlineData("{{ map contains 'a' }}", "true")]
    [InlineData("{{ 'hello' contains 'ell' }}", "true")]
    [InlineData("{{ 1..3 }}", "[1,2,3]")]
    [InlineData("{{ flag ? 'yes' : 'no' }}", "yes")]
    [InlineData("{{ missing ?? 'fallback' }}", "fallback")]
    [InlineData("{{ nothing ?? 'fallback' }}", "fallback")]
    [InlineData("{{ missing ??? 'fallback' }}", "fallback")]
    [InlineData("[{{ nothing ??? 'fallback' }}]", "[]")]
    [InlineData("{{ map.zzz.yyy ?? 'deep' }}", "deep")]
    [InlineData("{{ missing ?? 'a' ~ 'b' }}", "ab")]
    [InlineData("{{ [1, 'a', [true]] }}", "[1,\"a\",[true]]")]
    [InlineData("{{ {'a': 1, \"b\": [2]} }}", "{\"a\":1,\"b\":[2]}")]
    [InlineData("{{ [] }}", "[]")]
    [InlineData("{{ null }}{{ none }}", "")]
    [InlineData("{{ \"Hi #{name}!\" }}", "Hi World!")]
    [InlineData("{{ 'it\\'s' }}", "it's")]
    [InlineData("{{ 1000000.0 }}", "1000000.0")]
    [InlineData("{{ 10000000.0 }}", "1.0E7")]
    [InlineData("{{ 0.0001 }}", "1.0E-4")]
    [InlineData("{{ name | upper | lower }}", "world")]
    [InlineData("{{ 'a' ~ 'b' | upper }}", "AB")]
    [InlineData("{{ 1 + list | length }}", "4")]
    [InlineData("{{ list | length > 2 }}", "true")]
    public void Renders_expressions(string template, string expected) => Assert.Equal(expected, R(template));

    [Theory]
    [InlineData("{{ missing is defined }}", "false")]
    [InlineData("{{ name is defined }}", "true")]
    [InlineData("{{ map.zz is not defined }}", "true")]
    [InlineData("{{ nothing is null }}", "true")]
    [InlineData("{{ '' is empty }}", "true")]
    [InlineData("{{ list is empty }}", "false")]
    [InlineData("{{ 4 is even }}", "true")]
    [InlineData("{{ 4 is odd }}", "false")]
    [InlineData("{{ list is iterable }}", "true")]
    [InlineData("{{ map is map }}", "true")]
    [InlineData("{{ '{\"a\":1}' is json }}", "true")]
    [InlineData("{{ 'nope' is json }}", "false")]
    [InlineData("{{ missing | default('d') }}", "d")]
    [InlineData("{{ '' | default('d') }}", "d")]
    [InlineData("{{ name | default('d') }}", "World")]
    public void Tests_and_default_work_in_strict_mode(string template, string expected) => Assert.Equal(expected, R(template));

    [Theory]
    [InlineData("{% if flag %}yes{% else %}no{% endif %}", "yes")]
    [InlineData("{% if n > 100 %}big{% elseif n > 10 %}medium{% else %}small{% endif %}", "medium")]
    [InlineData("{% if false %}x{% endif %}", "")]
    [InlineData("{% for x in list %}{{ x }},{% endfor %}", "1,2,3,")]
    [InlineData("{% for x in list %}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}", "0truefalse3;1falsefalse3;2falsetrue3;")]
    [InlineData("{% for k, v in map %}{{ k }}={{ v }};{% endfor %}", "a=1;b=two;nested={\"x\":\"y\"};")]
    [InlineData("{% for e in {'a': 1} %}{{ e.key }}{{ e.value }}{% endfor %}", "a1")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% set x = n + 1 %}{{ x }}", "43")]
    [InlineData("{% for x in list %}{% set y = x %}{% endfor %}{{ y ?? 'scoped' }}", "scoped")]
    [InlineData("{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}")]
    [InlineData("{% verbatim %}{% if %}{% endverbatim %}", "{% if %}")]
    [InlineData("a {# comment #} b", "a  b")]
    [InlineData("a   {{- name -}}   b", "aWorldb")]
    [InlineData("a\n  {%- if true -%}\n  x\n  {%- endif %}", "ax")]
    [InlineData("{% filter upper %}hello {{ name }}{% endfilter %}", "HELLO WORLD")]
    [InlineData("{% block b %}in block{% endblock %}", "in block")]
    [InlineData("line\n{% if true %}\nkept{% endif %}", "line\n\nkept")]
    public void Renders_tags(string template, string expected) => Assert.Equal(expected, R(template));

    [Fact]
    public void Text_without_brace_is_returned_unchanged()
    {
        Assert.Equal("no braces }} %}", R("no braces }} %}"));
    }

    [Fact]
    public void Undefined_variable_message_quotes_template_and_line()
    {
        var ex = Fails("{{ x }}");
        Assert.Equal("Unable to find `x` used in the expression `{{ x }}` at line 1", ex.Message);
    }

    [Fact]
    public void Undefined_attribute_message_names_attribute_and_line()
    {
        var ex = Fails("a\nb {{ map.zz }}");
        Assert.Equal("Unable to find `zz` used in the expression `a\nb {{ map.zz }}` at line 2", ex.Message);
    }

    [Fact]
    public void Unknown_filter_fails()
    {
        Assert.Contains("Unknown filter `nope`", Fails("{{ name | nope }}").Message);
    }

    [Fact]
    public void Unknown_function_fails()
    {
        Assert.Contains("Unknown function `nope`", Fails("{{ nope() }}").Message);
    }

    [Theory]
    [InlineData("{{ name ")]
    [InlineData("{{ }}")]
    [InlineData("{% if true %}x")]
    [InlineData("{% endif %}")]
    [InlineData("{% unknown %}")]
    [InlineData("{{ 1 + }}")]
    public void Syntax_errors_fail_with_the_template(string template)
    {
        var ex = Fails(template);
        Assert.StartsWith("Unable to parse the template `" + template + "`", ex.Message);
    }

    [Fact]
    public void Division_by_zero_fails() => Assert.Contains("Division by zero", Fails("{{ 1 / 0 }}").Message);

    [Fact]
    public void RenderTyped_returns_raw_values()
    {
        Assert.Equal(42L, T("{{ n }}"));
        Assert.Equal(42L, T("  {{ n }}  "));
        Assert.Equal(true, T("{{ flag }}"));
        Assert.IsType<List<object?>>(T("{{ list }}"));
        Assert.Null(T("{{ nothing }}"));
        Assert.Equal("42!", T("{{ n }}!"));
        Assert.Equal("text", T("text"));
    }

    [Fact]
    public void RenderValue_renders_leaves_and_keys()
    {
        var value = new Dictionary<string, object?>
        {
            ["{{ name }}"] = "{{ n }}",
            ["list"] = new List<object?> { "{{ flag }}", 5L },
            ["num"] = 7L,
        };
        var rendered = (Dictionary<string, object?>)Engine.RenderValue(value, new Merlin.Core.Templating.TemplateContext(Vars()))!;
        Assert.Equal("42", rendered["World"]);
        Assert.Equal(new List<object?> { "true", 5L }, rendered["list"]);
        Assert.Equal(7L, rendered["num"]);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("", false)]
    [InlineData("False", true)]
    [InlineData("no", true)]
    [InlineData(" ", true)]
    [InlineData("null", true)]
    public void Truthiness_matches_kestra(string rendered, bool expected) =>
        Assert.Equal(expected, Merlin.Sdk.Values.Truthiness.IsTruthy(rendered));

    [Theory]
    [InlineData("false", false)]
    [InlineData(" false \n", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("False", true)]
    public void Expression_condition_truth_is_kestras_other_rule(string rendered, bool expected) =>
        Assert.Equal(expected, Merlin.Sdk.Values.Truthiness.IsExpressionTrue(rendered));

    [Fact]
    public void Yaml_function_types_plain_scalars_as_flows_do()
    {
        var value = (Dictionary<string, object?>)T("{{ yaml(text) }}", new() { ["text"] = "a: 1\nb: '2'\nc: true\nd: 1.5\ne: ~\nf: [x, -3]\ng: 1.2.3" })!;
        Assert.Equal(1L, value["a"]);
        Assert.Equal("2", value["b"]);
        Assert.Equal(true, value["c"]);
        Assert.Equal(1.5, value["d"]);
        Assert.Null(value["e"]);
        Assert.Equal(new List<object?> { "x", -3L }, value["f"]);
        Assert.Equal("1.2.3", value["g"]);
    }

    [Fact]
    public void Json_element_variables_are_accessible()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("{\"a\":{\"b\":[1,2.5,\"x\"]}}");
        var vars = new Dictionary<string, object?> { ["j"] = doc.RootElement.Clone() };
        Assert.Equal("2.5", R("{{ j.a.b[1] }}", vars));
        Assert.Equal("[1,2.5,\"x\"]", R("{{ j.a.b }}", vars));
    }
}
