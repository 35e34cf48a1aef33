using System.Globalization;
using Merlin.Core.Limits;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Filters;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Functions;

/// <summary>Pure functions: json/fromJson, yaml, now, uuid, id, randomInt, range, max, min.</summary>
internal static class CoreFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> functions)
    {
        functions["fromJson"] = (args, ev) => FromJson(args.Get(0, "json"), ev.Budget.Limits);
        functions["json"] = functions["fromJson"];
        functions["yaml"] = (args, ev) => args.Get(0, "yaml") is { } y ? YamlText.Parse(y as string ?? throw new TemplateException("`yaml` needs a string"), ev.Budget.Limits) : null;
        functions["now"] = (args, ev) => DateFilters.FormatDate(ev.Context.Environment.Now, args.GetString(0, "format") ?? "iso", args.GetString(1, "timeZone"));
        functions["uuid"] = (_, ev) => ev.Context.Environment.Uuid();
        functions["id"] = (_, ev) => ev.Context.Environment.Id();
        functions["randomInt"] = (args, ev) => RandomInt(args, ev.Context.Environment);
        functions["range"] = (args, ev) => Range(args, ev.Budget);
        functions["max"] = (args, _) => args.Positional.Aggregate((a, b) => Operators.Compare(a, b) >= 0 ? a : b);
        functions["min"] = (args, _) => args.Positional.Aggregate((a, b) => Operators.Compare(a, b) <= 0 ? a : b);
    }

    private static object? FromJson(object? json, LimitOptions limits) => json switch
    {
        null => null,
        string s => JsonValues.Parse(s, limits),
        _ => throw new TemplateException("`fromJson` needs a string"),
    };

    private static long RandomInt(Arguments args, ITemplateEnvironment environment)
    {
        var lower = args.GetLong(0, "lower") ?? throw new TemplateException("`randomInt` requires `lower`");
        var upper = args.GetLong(1, "upper") ?? throw new TemplateException("`randomInt` requires `upper`");
        if (upper <= lower) throw new TemplateException("`randomInt` needs lower < upper");
        return environment.RandomInt(lower, upper);
    }

    private static List<object?> Range(Arguments args, RenderBudget budget)
    {
        var start = args.GetLong(0, "start") ?? 0;
        var end = args.GetLong(1, "end") ?? throw new TemplateException("`range` requires `end`");
        var step = args.GetLong(2, "increment") ?? 1;
        if (step == 0) throw new TemplateException("`range` increment cannot be 0");
        // Paid before anything is allocated: range(0, 100000000) fails at once instead of filling the heap.
        var span = (((Int128)end - start) / step) + 1;
        var count = span <= 0 ? 0 : span >= int.MaxValue ? int.MaxValue : (int)span;
        budget.Spend(count);
        var result = new List<object?>(count);
        for (var i = start; step > 0 ? i <= end : i >= end; i += step) result.Add(i);
        return result;
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
