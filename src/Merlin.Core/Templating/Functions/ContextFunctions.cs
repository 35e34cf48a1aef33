using Merlin.Core.Storage;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Functions;

/// <summary>Functions reading the render context: render, renderOnce, fileURI, currentEachOutput, fetchContext, printContext.</summary>
internal static class ContextFunctions
{
    private const int MaxRenderings = 100;

    public static void Register(Dictionary<string, TemplateFunction> functions)
    {
        functions["render"] = (args, ev) => Render(ev, args.Get(0, "toRender"), args.GetBool(1, "recursive", true));
        functions["renderOnce"] = (args, ev) => Render(ev, args.Get(0, "toRender"), recursive: false);
        functions["fileURI"] = (args, ev) => FileUri(ev, args.RequireString(0, "path", "fileURI"));
        functions["currentEachOutput"] = (args, ev) => CurrentEachOutput(ev, args.Get(0, "outputs"));
        functions["fetchContext"] = (_, ev) => ev.Scope.Flatten();
        functions["printContext"] = (_, ev) => JsonValues.Serialize(ev.Scope.Flatten());
    }

    private static object? Render(Evaluator ev, object? value, bool recursive)
    {
        var variables = ev.Scope.Flatten();
        return TemplateEngine.RenderTree(value, s =>
        {
            var current = s;
            ev.Budget.EnterRender();
            try
            {
                for (var i = 0; i < MaxRenderings; i++)
                {
                    var next = ev.Engine.Render(current, ev.Context, new Scope(variables), ev.Budget);
                    if (!recursive || next == current) return next;
                    current = next;
                }
            }
            finally
            {
                ev.Budget.LeaveRender();
            }
            throw new TemplateException("Too many rendering attempts");
        });
    }

    private static string FileUri(Evaluator ev, string path)
    {
        if (path.Contains("../", StringComparison.Ordinal) || path.Contains("..\\", StringComparison.Ordinal))
            throw new TemplateException($"`fileURI` refuses the path `{path}`: it must not contain `../`");
        var flow = ev.Scope.TryGet("flow", out var f) ? f : null;
        if (!ValueConvert.TryGetMember(flow, "namespace", out var ns) || ns is null)
            throw new TemplateException("`fileURI` needs `flow.namespace` in the context");
        return StoragePaths.NamespaceFilesPrefix(ValueFormatter.ToText(ns)) + path.TrimStart('/');
    }

    /// <summary>Walks from the outermost loop parent to the current task run, one map level per task run value.</summary>
    private static object? CurrentEachOutput(Evaluator ev, object? outputs)
    {
        var current = outputs;
        if (ev.Scope.TryGet("parents", out var parents) && ValueConvert.ToList(parents) is { } list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (ValueConvert.TryGetMember(list[i], "taskrun", out var tr) && ValueConvert.TryGetMember(tr, "value", out var value) && value is not null)
                    current = Step(current, value);
            }
        }
        if (ev.Scope.TryGet("taskrun", out var taskrun) && ValueConvert.TryGetMember(taskrun, "value", out var own) && own is not null)
            current = Step(current, own);
        return current;
    }

    private static object? Step(object? outputs, object value)
    {
        var key = ValueFormatter.ToText(value);
        return ValueConvert.TryGetMember(outputs, key, out var next)
            ? next
            : throw new TemplateException($"Unable to find `{key}`");
    }
}
