using System.Runtime.CompilerServices;
using Merlin.Core.Templating.Filters;
using Merlin.Core.Templating.Functions;
using Merlin.Core.Templating.Syntax;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Evaluates an expression; a missing variable or attribute yields <see cref="Undefined"/>.</summary>
    public object? Evaluate(Expr expression)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case LiteralExpr l:
                return l.Value;
            case VariableExpr v:
                return Scope.TryGet(v.Name, out var value) ? value : new Undefined(v.Name);
            case MemberExpr m:
                return Member(Evaluate(m.Target), Need(Evaluate(m.Key)));
            case UnaryExpr u:
                var operand = Need(Evaluate(u.Operand));
                return u.Op switch
                {
                    "not" => !Operators.IsTrue(operand),
                    "-" => Operators.Arithmetic("-", 0L, operand),
                    _ => Operators.Arithmetic("+", 0L, operand),
                };
            case BinaryExpr b:
                return Binary(b);
            case TernaryExpr t:
                return Operators.IsTrue(Need(Evaluate(t.Condition))) ? Evaluate(t.WhenTrue) : Evaluate(t.WhenFalse);
            case FilterExpr f:
                return Filter(f);
            case FunctionExpr fn:
                Budget.Spend();
                if (!FunctionRegistry.TryGet(fn.Name, out var function)) throw new TemplateException($"Unknown function `{fn.Name}`");
                return function(EvaluateArguments(fn.Arguments), this);
            case TestExpr t:
                return Tests.Apply(this, t);
            case ListExpr list:
                return list.Items.Select(i => Need(Evaluate(i))).ToList();
            case MapExpr map:
                var result = new Dictionary<string, object?>();
                foreach (var (k, val) in map.Entries)
                {
                    var key = k is VariableExpr kv ? kv.Name : ValueFormatter.ToText(Need(Evaluate(k)));
                    result[key] = Need(Evaluate(val));
                }
                return result;
            default:
                throw new TemplateException($"Unsupported expression {expression.GetType().Name}");
        }
    }

    private object? Binary(BinaryExpr b)
    {
        switch (b.Op)
        {
            case "??":
                var left = Evaluate(b.Left);
                return left is null or Undefined ? Evaluate(b.Right) : left;
            case "???":
                var l3 = Evaluate(b.Left);
                return l3 is Undefined ? Evaluate(b.Right) : l3;
            case "and":
                return Operators.IsTrue(Need(Evaluate(b.Left))) && Operators.IsTrue(Need(Evaluate(b.Right)));
            case "or":
                return Operators.IsTrue(Need(Evaluate(b.Left))) || Operators.IsTrue(Need(Evaluate(b.Right)));
        }
        var x = Need(Evaluate(b.Left));
        var y = Need(Evaluate(b.Right));
        return b.Op switch
        {
            "~" => Concat(ValueFormatter.ToText(x), ValueFormatter.ToText(y)),
            "==" => Operators.ValuesEqual(x, y),
            "!=" => !Operators.ValuesEqual(x, y),
            "<" => Operators.Compare(x, y) < 0,
            ">" => Operators.Compare(x, y) > 0,
            "<=" => Operators.Compare(x, y) <= 0,
            ">=" => Operators.Compare(x, y) >= 0,
            "contains" => Operators.Contains(x, y),
            ".." => Operators.Range(x, y),
            _ => Spent(Operators.Arithmetic(b.Op, x, y)),
        };
    }

    /// <summary>Strings and lists built by operators count against the budget, so doubling in a loop stops early.</summary>
    private object? Spent(object? value)
    {
        switch (value)
        {
            case string s:
                Budget.CheckLength(s.Length);
                break;
            case List<object?> list:
                Budget.Spend(list.Count);
                break;
        }
        return value;
    }

    private string Concat(string x, string y)
    {
        Budget.CheckLength((long)x.Length + y.Length);
        return x + y;
    }

    private object? Filter(FilterExpr f)
    {
        Budget.Spend();
        var input = Evaluate(f.Input);
        if (f.Name == "default")
        {
            var fallback = EvaluateArguments(f.Arguments).Get(0, "default");
            return input is null or Undefined || (input is string s && s.Length == 0) || (ValueConvert.IsList(input) && ValueConvert.ToList(input)!.Count == 0) || (ValueConvert.IsMap(input) && !ValueConvert.AsEntries(input)!.Any())
                ? fallback
                : input;
        }
        return ApplyFilter(f.Name, Need(input), EvaluateArguments(f.Arguments));
    }

    private static object? Member(object? target, object? key)
    {
        if (target is Undefined) return target;
        var name = key is string s ? s : ValueFormatter.ToText(key);
        if (target is null) return new Undefined(name);
        if (ValueConvert.TryGetMember(target, name, out var value)) return value;
        if (ValueConvert.IsMap(target)) return new Undefined(name);
        if (ValueConvert.IsList(target) && long.TryParse(name, out var index))
        {
            var list = ValueConvert.ToList(target)!;
            if (index < 0) index += list.Count;
            return index >= 0 && index < list.Count ? list[(int)index] : new Undefined(name);
        }
        return new Undefined(name);
    }
}
