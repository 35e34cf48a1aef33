using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

/// <summary>Pebble's operator semantics: long arithmetic stays long, numbers compare numerically, <c>+</c> concatenates strings.</summary>
internal static class Operators
{
    public static object? Arithmetic(string op, object? left, object? right)
    {
        left = ValueConvert.Normalize(left);
        right = ValueConvert.Normalize(right);
        if (op == "+")
        {
            if (left is string || right is string) return ToConcatText(left) + ToConcatText(right);
            if (ValueConvert.IsList(left))
            {
                var list = ValueConvert.ToList(left)!;
                if (ValueConvert.IsList(right)) list.AddRange(ValueConvert.ToList(right)!);
                else list.Add(right);
                return list;
            }
        }
        if (op == "-" && ValueConvert.IsList(left))
        {
            var list = ValueConvert.ToList(left)!;
            var remove = ValueConvert.IsList(right) ? ValueConvert.ToList(right)! : [right];
            return list.Where(x => !remove.Any(r => ValuesEqual(x, r))).ToList();
        }
        if (left is long a && right is long b)
        {
            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => b == 0 ? throw new TemplateException("Division by zero") : a / b,
                "%" => b == 0 ? throw new TemplateException("Division by zero") : a % b,
                _ => throw new TemplateException($"Unknown operator `{op}`"),
            };
        }
        if (left is long or double && right is long or double)
        {
            var x = Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture);
            var y = Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture);
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                "%" => x % y,
                _ => throw new TemplateException($"Unknown operator `{op}`"),
            };
        }
        throw new TemplateException($"Operator `{op}` cannot be applied to `{ValueFormatter.ToText(left)}` and `{ValueFormatter.ToText(right)}`");
    }

    private static string ToConcatText(object? value) => value is null ? "null" : ValueFormatter.ToText(value);

    public static bool ValuesEqual(object? left, object? right)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        left = ValueConvert.Normalize(left);
        right = ValueConvert.Normalize(right);
        if (left is null || right is null) return left is null && right is null;
        if (left is long a && right is long b) return a == b;
        if (left is long or double && right is long or double)
            return Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture);
        if (ValueConvert.IsMap(left) && ValueConvert.IsMap(right))
        {
            var lm = ValueConvert.ToMap(left)!;
            var rm = ValueConvert.ToMap(right)!;
            return lm.Count == rm.Count && lm.All(kv => rm.TryGetValue(kv.Key, out var v) && ValuesEqual(kv.Value, v));
        }
        if (ValueConvert.IsList(left) && ValueConvert.IsList(right))
        {
            var ll = ValueConvert.ToList(left)!;
            var rl = ValueConvert.ToList(right)!;
            return ll.Count == rl.Count && ll.Zip(rl).All(p => ValuesEqual(p.First, p.Second));
        }
        return left.Equals(right);
    }

    /// <summary>Orders numbers, strings (ordinal), dates and booleans; other pairs fail.</summary>
    public static int Compare(object? left, object? right)
    {
        left = ValueConvert.Normalize(left);
        right = ValueConvert.Normalize(right);
        return (left, right) switch
        {
            (long a, long b) => a.CompareTo(b),
            (long or double, long or double) => Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture)),
            (string a, string b) => string.CompareOrdinal(a, b),
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => throw new TemplateException($"Cannot compare `{ValueFormatter.ToText(left)}` with `{ValueFormatter.ToText(right)}`"),
        };
    }

    public static bool Contains(object? container, object? item)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        container = ValueConvert.Normalize(container);
        item = ValueConvert.Normalize(item);
        if (container is null) return false;
        if (container is string s) return item is not null && s.Contains(ValueFormatter.ToText(item), StringComparison.Ordinal);
        var entries = ValueConvert.AsEntries(container);
        if (entries is not null)
        {
            if (ValueConvert.IsList(item)) return ValueConvert.ToList(item)!.All(i => Contains(container, i));
            var key = ValueFormatter.ToText(item);
            return entries.Any(kv => kv.Key == key);
        }
        var list = ValueConvert.ToList(container);
        if (list is not null)
        {
            if (ValueConvert.IsList(item)) return ValueConvert.ToList(item)!.All(i => list.Any(x => ValuesEqual(x, i)));
            return list.Any(x => ValuesEqual(x, item));
        }
        return false;
    }

    public static List<object?> Range(object? from, object? to)
    {
        from = ValueConvert.Normalize(from);
        to = ValueConvert.Normalize(to);
        if (from is string fs && to is string ts && fs.Length == 1 && ts.Length == 1)
        {
            var chars = new List<object?>();
            var step = fs[0] <= ts[0] ? 1 : -1;
            for (var c = fs[0]; step > 0 ? c <= ts[0] : c >= ts[0]; c = (char)(c + step)) chars.Add(c.ToString());
            return chars;
        }
        var start = ValueConvert.ToLong(from);
        var end = ValueConvert.ToLong(to);
        var result = new List<object?>();
        if (start <= end) for (var i = start; i <= end; i++) result.Add(i);
        else for (var i = start; i >= end; i--) result.Add(i);
        return result;
    }

    /// <summary>Boolean view of a value for <c>if</c>, <c>and</c>, <c>or</c>, <c>not</c> and the ternary.</summary>
    public static bool IsTrue(object? value) => ValueConvert.Normalize(value) switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        var v when ValueConvert.IsMap(v) => ValueConvert.AsEntries(v)!.Any(),
        var v when ValueConvert.IsList(v) => ValueConvert.ToList(v)!.Count > 0,
        _ => true,
    };
}
