using Merlin.Core.Templating.Evaluation;

namespace Merlin.Core.Templating.Functions;

/// <summary>Kestra 2.0's <c>loopOutputs(outputs, name)</c>: one declared output of a Loop, across its iterations.</summary>
internal static class LoopFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> functions) =>
        functions["loopOutputs"] = (args, _) => LoopOutputs(args);

    /// <summary>One entry per iteration (null where it has no such output), so positions stay aligned with iterations.</summary>
    private static List<object?> LoopOutputs(Arguments args)
    {
        var iterations = args.Get(0, "outputs") switch
        {
            null => throw new TemplateException("The 'loopOutputs' function expects a non-null argument 'outputs'."),
            IEnumerable<object?> list => list,
            _ => throw new TemplateException("The 'loopOutputs' function expects 'outputs' to be a list."),
        };
        var name = args.Get(1, "name") switch
        {
            null => throw new TemplateException("The 'loopOutputs' function expects a non-null argument 'name'."),
            string s => s,
            _ => throw new TemplateException("The 'loopOutputs' function expects 'name' to be a string."),
        };
        return iterations
            .Select(i => i is IReadOnlyDictionary<string, object?> entry && entry.GetValueOrDefault("outputs") is IReadOnlyDictionary<string, object?> outputs
                ? outputs.GetValueOrDefault(name)
                : null)
            .ToList();
    }
}
