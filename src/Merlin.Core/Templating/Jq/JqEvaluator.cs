using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Merlin.Core.Limits;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Jq;

/// <summary>Runs a jq program on a value; every filter yields a stream of outputs.</summary>
internal static partial class JqEvaluator
{
    private static readonly ConcurrentDictionary<string, JqNode> Cache = new(StringComparer.Ordinal);

    /// <summary>The limits <c>fromjson</c> inside a program parses with (the evaluator is static; never changed).</summary>
    private static readonly LimitOptions DefaultLimits = new();

    /// <summary>All outputs of <paramref name="program"/> applied to <paramref name="input"/>, as a list (Kestra's jq filter).</summary>
    public static List<object?> Run(string program, object? input, LimitOptions limits)
    {
        ParsedText.CheckLength(program, limits, "jq");
        var node = Cache.GetOrAdd(program, static p =>
        {
            if (Cache.Count > 1000) Cache.Clear();
            try
            {
                return JqGrammar.Filter.TryParse(p, out var n, out var error) && n is not null
                    ? n
                    : throw new TemplateException($"Invalid jq expression `{p}`: {error?.Message ?? "syntax error"}");
            }
            catch (InsufficientExecutionStackException)
            {
                throw new TemplateException($"Invalid jq expression: it nests too deeply to parse");
            }
        });
        return Eval(node, ValueConvert.Normalize(input)).ToList();
    }

    /// <summary>
    /// Outputs are produced lazily, so a deep program recurses while they are enumerated, not while they are
    /// built: each level checks the stack before it asks the level below for the next value.
    /// </summary>
    public static IEnumerable<object?> Eval(JqNode node, object? input)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return Guarded(EvalLazily(node, input));
    }

    private static IEnumerable<object?> Guarded(IEnumerable<object?> source)
    {
        using var values = source.GetEnumerator();
        while (true)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (!values.MoveNext()) yield break;
            yield return values.Current;
        }
    }

    private static IEnumerable<object?> EvalLazily(JqNode node, object? input)
    {
        switch (node)
        {
            case JqIdentity:
                return [input];
            case JqLiteral l:
                return [l.Value];
            case JqRecurse:
                return Recurse(input);
            case JqField f:
                return Eval(f.Target, input).Select(t => Field(t, f.Name));
            case JqIndex i:
                return Eval(i.Target, input).SelectMany(t => Eval(i.Index, input).Select(k => Index(t, k)));
            case JqSlice s:
                return Eval(s.Target, input).Select(t => Slice(t, s.From is null ? null : Eval(s.From, input).FirstOrDefault(), s.To is null ? null : Eval(s.To, input).FirstOrDefault()));
            case JqIterate it:
                return Eval(it.Target, input).SelectMany(Iterate);
            case JqTry t:
                return Try(t.Body, input);
            case JqPipe p:
                return Eval(p.Left, input).SelectMany(v => Eval(p.Right, v));
            case JqComma c:
                return Eval(c.Left, input).Concat(Eval(c.Right, input));
            case JqNegate n:
                return Eval(n.Operand, input).Select(v => Operators.Arithmetic("-", 0L, v));
            case JqBinary b:
                return Binary(b, input);
            case JqArray a:
                return [a.Body is null ? new List<object?>() : Eval(a.Body, input).ToList()];
            case JqObject o:
                return BuildObjects(o.Entries, 0, input, new Dictionary<string, object?>());
            case JqIf i:
                return Eval(i.Condition, input).SelectMany(c => IsTrue(c) ? Eval(i.Then, input) : i.Else is null ? [input] : Eval(i.Else, input));
            case JqCall call:
                return Call(call, input);
            default:
                throw new TemplateException($"Unsupported jq node {node.GetType().Name}");
        }
    }

    public static bool IsTrue(object? value) => value is not (null or false);

    private static IEnumerable<object?> Try(JqNode body, object? input)
    {
        List<object?> results;
        try
        {
            results = Eval(body, input).ToList();
        }
        catch (TemplateException)
        {
            yield break;
        }
        foreach (var r in results) yield return r;
    }

    private static IEnumerable<object?> Recurse(object? input)
    {
        yield return input;
        foreach (var child in ValueConvert.IsMap(input) || ValueConvert.IsList(input) ? Iterate(input) : [])
        {
            foreach (var r in Recurse(child)) yield return r;
        }
    }

    private static object? Field(object? target, string name)
    {
        if (target is null) return null;
        if (!ValueConvert.IsMap(target)) throw new TemplateException($"jq: cannot index {Type(target)} with \"{name}\"");
        return ValueConvert.TryGetMember(target, name, out var v) ? v : null;
    }

    private static object? Index(object? target, object? key)
    {
        if (target is null) return null;
        if (key is string s) return Field(target, s);
        var list = ValueConvert.ToList(target) ?? throw new TemplateException($"jq: cannot index {Type(target)} with a number");
        var i = ValueConvert.ToLong(key);
        if (i < 0) i += list.Count;
        return i >= 0 && i < list.Count ? list[(int)i] : null;
    }

    private static object? Slice(object? target, object? from, object? to)
    {
        if (target is null) return null;
        var length = target is string str ? str.Length : (ValueConvert.ToList(target) ?? throw new TemplateException($"jq: cannot slice {Type(target)}")).Count;
        int Clamp(object? v, int fallback)
        {
            if (v is null) return fallback;
            var i = ValueConvert.ToLong(v);
            if (i < 0) i += length;
            return (int)Math.Clamp(i, 0, length);
        }
        var start = Clamp(from, 0);
        var end = Math.Max(start, Clamp(to, length));
        return target is string s ? s[start..end] : ValueConvert.ToList(target)!.GetRange(start, end - start);
    }

    private static IEnumerable<object?> Iterate(object? target) =>
        ValueConvert.AsEntries(target)?.Select(kv => kv.Value)
        ?? (IEnumerable<object?>?)ValueConvert.ToList(target)
        ?? throw new TemplateException($"jq: cannot iterate over {Type(target)}");

    private static IEnumerable<object?> BuildObjects(IReadOnlyList<(JqNode Key, JqNode? Value)> entries, int index, object? input, Dictionary<string, object?> current)
    {
        if (index == entries.Count)
        {
            yield return new Dictionary<string, object?>(current);
            yield break;
        }
        var (keyNode, valueNode) = entries[index];
        foreach (var key in Eval(keyNode, input))
        {
            var name = key as string ?? throw new TemplateException("jq: object keys must be strings");
            var values = valueNode is null ? [Field(input, name)] : Eval(valueNode, input);
            foreach (var value in values)
            {
                var next = new Dictionary<string, object?>(current) { [name] = value };
                foreach (var r in BuildObjects(entries, index + 1, input, next)) yield return r;
            }
        }
    }

    private static IEnumerable<object?> Binary(JqBinary b, object? input)
    {
        switch (b.Op)
        {
            case "and":
                return Eval(b.Left, input).SelectMany(l => IsTrue(l) ? Eval(b.Right, input).Select(r => (object?)IsTrue(r)) : [false]);
            case "or":
                return Eval(b.Left, input).SelectMany(l => IsTrue(l) ? [true] : Eval(b.Right, input).Select(r => (object?)IsTrue(r)));
            case "//":
                var truthy = Eval(b.Left, input).Where(IsTrue).ToList();
                return truthy.Count > 0 ? truthy : Eval(b.Right, input);
        }
        return Eval(b.Right, input).SelectMany(r => Eval(b.Left, input).Select(l => Apply(b.Op, l, r)));
    }

    private static object? Apply(string op, object? l, object? r) => op switch
    {
        "==" => Operators.ValuesEqual(l, r),
        "!=" => !Operators.ValuesEqual(l, r),
        "<" => Compare(l, r) < 0,
        "<=" => Compare(l, r) <= 0,
        ">" => Compare(l, r) > 0,
        ">=" => Compare(l, r) >= 0,
        "+" when l is null => r,
        "+" when r is null => l,
        "+" when ValueConvert.IsMap(l) && ValueConvert.IsMap(r) => ValueConvert.AsEntries(r)!.Aggregate(ValueConvert.ToMap(l)!, (m, kv) => { m[kv.Key] = kv.Value; return m; }),
        "/" when l is string ls && r is string rs => ls.Split(rs).Cast<object?>().ToList(),
        "/" => ValueConvert.ToDouble(r) == 0 ? throw new TemplateException("jq: division by zero") : Integral(ValueConvert.ToDouble(l) / ValueConvert.ToDouble(r)),
        _ => Operators.Arithmetic(op, l, r),
    };

    private static object Integral(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? (long)d : d;

    /// <summary>jq ordering: null &lt; false &lt; true &lt; numbers &lt; strings &lt; arrays &lt; objects.</summary>
    public static int Compare(object? l, object? r)
    {
        int Rank(object? v) => v switch { null => 0, false => 1, true => 2, long or double => 3, string => 4, _ when ValueConvert.IsList(v) => 5, _ => 6 };
        var (rl, rr) = (Rank(l), Rank(r));
        if (rl != rr) return rl.CompareTo(rr);
        if (rl == 5)
        {
            var (a, b) = (ValueConvert.ToList(l)!, ValueConvert.ToList(r)!);
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var c = Compare(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Count.CompareTo(b.Count);
        }
        return rl == 6 ? 0 : Operators.Compare(l, r);
    }

    public static string Type(object? v) => v switch
    {
        null => "null",
        bool => "boolean",
        long or double => "number",
        string => "string",
        _ when ValueConvert.IsList(v) => "array",
        _ => "object",
    };
}
