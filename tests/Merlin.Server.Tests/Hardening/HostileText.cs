using System.Text;

namespace Merlin.Server.Tests.Hardening;

/// <summary>Builders for hostile documents: deep nesting, alias bombs, deep JSON.</summary>
internal static class HostileText
{
    public const string Namespace = "tests.hostile";

    /// <summary>A flow whose <c>variables.v</c> nests <paramref name="levels"/> flow-style maps (the flow itself adds two levels).</summary>
    public static string DeepFlow(string id, int levels) =>
        $"id: {id}\nnamespace: {Namespace}\nvariables:\n  v: {Repeat("{a: ", levels)}1{Repeat("}", levels)}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

    /// <summary>"Billion laughs": each level lists the previous one ten times.</summary>
    public static string LaughsFlow(string id, int levels)
    {
        var yaml = new StringBuilder($"id: {id}\nnamespace: {Namespace}\nvariables:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append(CultureFree($"  l{i}: &l{i} [")).Append(string.Join(", ", Enumerable.Repeat(CultureFree($"*l{i - 1}"), 10))).Append("]\n");
        }

        return yaml.Append("tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n").ToString();
    }

    /// <summary>Few aliases (two per level) that still double at every level once expanded.</summary>
    public static string DoublingAliasesFlow(string id, int levels)
    {
        var yaml = new StringBuilder($"id: {id}\nnamespace: {Namespace}\nvariables:\n  d0: &d0 [x, x]\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append(CultureFree($"  d{i}: &d{i} [*d{i - 1}, *d{i - 1}]\n"));
        }

        return yaml.Append("tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n").ToString();
    }

    /// <summary>JSON objects nested <paramref name="levels"/> deep: {"a":{"a":...1}}.</summary>
    public static string DeepJson(int levels) => Repeat("{\"a\":", levels) + "1" + Repeat("}", levels);

    /// <summary>A YAML/JSON flow sequence nested <paramref name="levels"/> deep: [[[...]]].</summary>
    public static string DeepList(int levels) => Repeat("[", levels) + Repeat("]", levels);

    public static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string CultureFree(FormattableString text) => FormattableString.Invariant(text);
}
