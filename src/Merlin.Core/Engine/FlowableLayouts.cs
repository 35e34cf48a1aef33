using System.Text.Json;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Json;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>The child layout of each flowable task type, given its task run (and the values it rendered).</summary>
internal static class FlowableLayouts
{
    public static ChildLayout Of(FlowableTask task, TaskRun run, AdvanceContext ctx, TemplateEngine templates) => task switch
    {
        Tasks.Parallel p => new ChildLayout([new ChildGroup(ChildLayout.Enabled(p.Tasks), null)], p.Concurrent, true, ChildLayout.Enabled(p.Errors ?? [])),
        If i => ChildLayout.Sequential(IsTrue(run, "evaluationResult") ? i.Then : i.Else ?? [], i.Errors),
        Switch s => ChildLayout.Sequential(SwitchBranch(s, run), s.Errors),
        ForEach f => Loop(f.Values, f.Tasks, f.Errors, f.ConcurrencyLimit, run, ctx, templates, task),
        EachSequential e => Loop(e.Value, e.Tasks, e.Errors, 1, run, ctx, templates, task),
        EachParallel e => Loop(e.Value, e.Tasks, e.Errors, e.Concurrent, run, ctx, templates, task),
        Dag d => new ChildLayout([], 0, false, ChildLayout.Enabled(d.Errors ?? []), d),
        WaitFor w => WaitForLoop.Layout(w, run),
        _ => ChildLayout.Sequential(task.AllChildren(), task.Errors),
    };

    /// <summary>Work a flowable does once when it starts: If evaluates its condition, Switch its value, WaitFor counts round 1.</summary>
    public static IReadOnlyDictionary<string, object?>? StartOutputs(FlowableTask task, TaskRun run, AdvanceContext ctx, TemplateEngine templates)
    {
        var context = ctx.Template(ctx.ClearVariables(task, run));
        return task switch
        {
            If i => new Dictionary<string, object?> { ["evaluationResult"] = Truthiness.IsTruthy(templates.Render(i.Condition, context)) },
            Switch s => SwitchOutputs(s, templates.Render(s.Value, context), ctx),
            Loop l => LoopIterations.StartOutputs(l, run, ctx, templates, context),
            WaitFor => WaitForLoop.StartOutputs(),
            _ => null,
        };
    }

    /// <summary>The case is chosen on the clear value; the stored <c>value</c> output has SECRET values masked.</summary>
    private static Dictionary<string, object?> SwitchOutputs(Switch s, string value, AdvanceContext ctx)
    {
        var defaults = s.Cases is null || !s.Cases.ContainsKey(value);
        var stored = ctx.MaskSecrets(value);
        if (!defaults && stored != value)
        {
            // SwitchBranch finds the case again from the stored value: keep the case key, which the flow already shows.
            stored = value;
        }

        return new() { ["value"] = stored, ["defaults"] = defaults };
    }

    private static IEnumerable<TaskDefinition> SwitchBranch(Switch s, TaskRun run)
    {
        var value = run.Outputs?.GetValueOrDefault("value") as string ?? "";
        if (s.Cases is not null && s.Cases.TryGetValue(value, out var tasks))
        {
            return tasks;
        }

        return s.Defaults ?? throw new FlowableException($"No task found for switch value '{value}' and no defaults");
    }

    private static ChildLayout Loop(object? values, List<TaskDefinition> tasks, List<TaskDefinition>? errors, int limit,
        TaskRun run, AdvanceContext ctx, TemplateEngine templates, TaskDefinition task)
    {
        var context = ctx.Template(ctx.ClearVariables(task, run));
        // Each value is stored on its task runs: SECRET values masked.
        var items = LoopValues(values, templates, context).Select(ctx.MaskSecrets).Distinct().ToList();
        var enabled = ChildLayout.Enabled(tasks);
        return new ChildLayout(items.Select(v => new ChildGroup(enabled, v)).ToList(), limit, false, ChildLayout.Enabled(errors ?? []));
    }

    /// <summary>ForEach values: a JSON-array string rendered then parsed, or a list rendered element-wise; de-duplicated.</summary>
    public static List<string> LoopValues(object? values, TemplateEngine templates, TemplateContext context) =>
        RenderValues(values, templates, context).Distinct().ToList();

    /// <summary>Loop values as strings (objects as JSON), in order, duplicates kept.</summary>
    public static IEnumerable<string> RenderValues(object? values, TemplateEngine templates, TemplateContext context)
    {
        IEnumerable<object?> items = values switch
        {
            string s => ParseArray(templates.Render(s, context)),
            IEnumerable<object?> list => list.Select(v => templates.RenderValue(v, context)),
            _ => throw new FlowableException("values must be a list or a JSON array string"),
        };
        return items.Select(ItemValue);
    }

    private static List<object?> ParseArray(string json)
    {
        try
        {
            return PlainValueConverter.FromElement(JsonDocument.Parse(json).RootElement) as List<object?>
                ?? throw new FlowableException($"values must render to a JSON array, got: {json}");
        }
        catch (JsonException e)
        {
            throw new FlowableException($"values must render to a JSON array ({e.Message}): {json}");
        }
    }

    private static string ItemValue(object? item) => item switch
    {
        null => throw new FlowableException("a loop value cannot be null"),
        string s => s,
        _ => KestraJson.Serialize(item),
    };

    private static bool IsTrue(TaskRun run, string key) => run.Outputs?.GetValueOrDefault(key) is true;
}
