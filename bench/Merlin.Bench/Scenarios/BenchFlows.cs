using System.Text;

namespace Merlin.Bench.Scenarios;

/// <summary>The flows the scenarios run, each in its own namespace so search totals count one scenario only.</summary>
public static class BenchFlows
{
    public const string LogFlowId = "one_log";

    /// <summary>The trivial execution: one Log task.</summary>
    public static string OneLog(string @namespace) => $"""
        id: {LogFlowId}
        namespace: {@namespace}
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hello
        """;

    /// <summary>One shell.Commands task running <c>echo</c> on the process runner.</summary>
    public static string OneShellEcho(string @namespace, string id) => $"""
        id: {id}
        namespace: {@namespace}
        tasks:
          - id: echo
            type: io.kestra.plugin.scripts.shell.Commands
            commands:
              - echo hello
        """;

    /// <summary>Kestra's benchmark 1: a webhook trigger, then OutputValues, then a Log reading that output.</summary>
    public static string Benchmark01(string @namespace, string key) => $$$"""
        id: benchmark01
        namespace: {{{@namespace}}}
        tasks:
          - id: output
            type: io.kestra.plugin.core.output.OutputValues
            values:
              some: value
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: "{{ outputs.output.values.some }}"
        triggers:
          - id: webhook
            type: io.kestra.plugin.core.trigger.Webhook
            key: {{{key}}}
        """;

    /// <summary>ForEach over <paramref name="count"/> values, all iterations at once, one Log each.</summary>
    public static string ForEach(string @namespace, int count) => $$$"""
        id: foreach
        namespace: {{{@namespace}}}
        tasks:
          - id: each
            type: io.kestra.plugin.core.flow.ForEach
            values: [{{{string.Join(", ", Enumerable.Range(1, count))}}}]
            concurrencyLimit: 0
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ taskrun.value }}"
        """;

    /// <summary><paramref name="depth"/> nested If blocks, each with a templated condition, a Log at the bottom.</summary>
    public static string NestedIf(string @namespace, int depth)
    {
        var yaml = new StringBuilder($"id: nested_if\nnamespace: {@namespace}\ntasks:\n");
        var indent = "  ";
        for (var level = 1; level <= depth; level++)
        {
            yaml.Append($"{indent}- id: if{level}\n{indent}  type: io.kestra.plugin.core.flow.If\n{indent}  condition: \"{{{{ {level} < {depth + 1} }}}}\"\n{indent}  then:\n");
            indent += "    ";
        }

        yaml.Append($"{indent}- id: log\n{indent}  type: io.kestra.plugin.core.log.Log\n{indent}  message: deep\n");
        return yaml.ToString();
    }
}
