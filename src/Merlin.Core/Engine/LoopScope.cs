using Merlin.Core.Executions;

namespace Merlin.Core.Engine;

/// <summary>
/// What a template sees inside a Kestra 2.0 Loop iteration, an execution of its own (kind LOOP): <c>item</c> (value,
/// index, key for a map, and <c>parent</c>/<c>parents</c> for the loops around it) and, besides the outputs of the
/// iteration's own task runs, those the loop's task run saw in the parent execution.
/// </summary>
internal static class LoopScope
{
    public static void Apply(LoopRun loopRun, Dictionary<string, object?> variables)
    {
        if (loopRun.Outputs is { Count: > 0 } outside && variables["outputs"] is IReadOnlyDictionary<string, object?> own)
        {
            var outputs = new Dictionary<string, object?>(outside);
            foreach (var (taskId, value) in own)
            {
                outputs[taskId] = value;
            }

            variables["outputs"] = outputs;
        }

        var item = Item(loopRun.Index, loopRun.Key, loopRun.Value);
        if (loopRun.Parents.Count > 0)
        {
            var parents = loopRun.Parents.Select(p => (object?)Item(p.Index, p.Key, p.Value)).ToList();
            item["parent"] = parents[0];
            item["parents"] = parents;
        }

        variables["item"] = item;
    }

    private static Dictionary<string, object?> Item(int index, string? key, string? value)
    {
        var item = new Dictionary<string, object?> { ["value"] = value, ["index"] = index };
        if (key is not null)
        {
            item["key"] = key;
        }

        return item;
    }
}
