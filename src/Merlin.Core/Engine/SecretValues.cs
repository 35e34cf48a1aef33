using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// Where an execution keeps SECRET values (encrypted): its SECRET inputs, and the SECRET <c>onResume</c> inputs its
/// Pause tasks were resumed with (<c>outputs.pause.onResume</c>). Only values of declared SECRET inputs are decrypted,
/// whatever other values look like.
/// </summary>
public static class SecretValues
{
    public static List<string>? Of(Flow flow, Execution execution)
    {
        var values = new List<string>();
        if (execution.Inputs is { } inputs)
        {
            values.AddRange(Declared(flow.Inputs, inputs));
        }

        var tree = TaskTree.Of(flow);
        foreach (var run in execution.TaskRunList)
        {
            if (run.Outputs?.GetValueOrDefault("onResume") is IReadOnlyDictionary<string, object?> resumed
                && tree.Contains(run.TaskId) && tree.Task(run.TaskId) is Pause { OnResume: { } declared })
            {
                values.AddRange(Declared(declared, resumed));
            }
        }

        return values.Count == 0 ? null : values;
    }

    /// <summary>The variables with every known encrypted value in <c>inputs</c> and <c>outputs</c> replaced by its clear text.</summary>
    public static Dictionary<string, object?> Reveal(Dictionary<string, object?> variables, IReadOnlyDictionary<string, string> clear)
    {
        if (clear.Count == 0)
        {
            return variables;
        }

        var revealed = new Dictionary<string, object?>(variables);
        foreach (var key in new[] { "inputs", "outputs" })
        {
            if (revealed.TryGetValue(key, out var value))
            {
                revealed[key] = Reveal(value, clear);
            }
        }

        return revealed;
    }

    private static IEnumerable<string> Declared(IEnumerable<InputDefinition> declared, IReadOnlyDictionary<string, object?> values) =>
        declared.Where(i => i.Type == InputType.SECRET)
            .Select(i => values.GetValueOrDefault(i.Id) as string)
            .OfType<string>()
            .Where(v => v.Length > 0);

    private static object? Reveal(object? value, IReadOnlyDictionary<string, string> clear) => value switch
    {
        string text => clear.GetValueOrDefault(text, text),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Reveal(p.Value, clear)),
        _ => value,
    };
}
