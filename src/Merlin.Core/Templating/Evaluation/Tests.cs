using Merlin.Core.Templating.Syntax;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

/// <summary>The <c>is</c> tests: defined, null, empty, even, odd, iterable, map, json (Kestra).</summary>
internal static class Tests
{
    public static bool Apply(Evaluator evaluator, TestExpr test)
    {
        var raw = evaluator.Evaluate(test.Operand);
        bool result;
        if (test.Name == "defined")
        {
            result = raw is not Undefined;
        }
        else
        {
            var value = ValueConvert.Normalize(evaluator.Need(raw));
            result = test.Name switch
            {
                "null" => value is null,
                "empty" => IsEmpty(value),
                "even" => ValueConvert.ToLong(value) % 2 == 0,
                "odd" => ValueConvert.ToLong(value) % 2 != 0,
                "iterable" => ValueConvert.IsList(value),
                "map" => ValueConvert.IsMap(value),
                "json" => value is string s && JsonValues.TryParse(s, evaluator.Budget.Limits, out _),
                "divisibleby" => ValueConvert.ToLong(value) % (evaluator.EvaluateArguments(test.Arguments).GetLong(0, "divisor") ?? 1) == 0,
                _ => throw new TemplateException($"Unknown test `{test.Name}`"),
            };
        }
        return test.Negated ? !result : result;
    }

    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        _ when ValueConvert.IsMap(value) => !ValueConvert.AsEntries(value)!.Any(),
        _ when ValueConvert.IsList(value) => ValueConvert.ToList(value)!.Count == 0,
        _ => false,
    };
}
