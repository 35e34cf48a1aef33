using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Merlin.Core.Templating.Evaluation;

namespace Merlin.Core.Templating.Functions;

/// <summary>A function: <c>name(args)</c>.</summary>
internal delegate object? TemplateFunction(Arguments args, Evaluator evaluator);

/// <summary>All functions by name, gathered from the themed function classes.</summary>
internal static class FunctionRegistry
{
    private static readonly FrozenDictionary<string, TemplateFunction> Functions = Build();

    public static IEnumerable<string> Names => Functions.Keys;

    public static bool TryGet(string name, [MaybeNullWhen(false)] out TemplateFunction function) => Functions.TryGetValue(name, out function);

    private static FrozenDictionary<string, TemplateFunction> Build()
    {
        var functions = new Dictionary<string, TemplateFunction>();
        CoreFunctions.Register(functions);
        HostFunctions.Register(functions);
        ContextFunctions.Register(functions);
        LoopFunctions.Register(functions);
        return functions.ToFrozenDictionary();
    }
}
