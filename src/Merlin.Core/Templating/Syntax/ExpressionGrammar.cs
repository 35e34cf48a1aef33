using Parlot;
using Parlot.Fluent;

namespace Merlin.Core.Templating.Syntax;

/// <summary>
/// Pebble expression grammar with Pebble's precedences (low to high): ternary, <c>or</c>, <c>and</c>, <c>not</c>,
/// <c>is</c>/<c>contains</c>, <c>..</c>, comparisons, <c>+ -</c>, <c>* / %</c>, <c>|</c> and <c>~</c>, <c>?? ???</c>, unary minus.
/// </summary>
internal static class ExpressionGrammar
{
    private static readonly HashSet<string> Reserved = ["and", "or", "not", "is", "contains", "in"];
    private static readonly IReadOnlyList<Argument> NoArguments = [];

    public static readonly Parser<Expr> Expression;
    public static readonly Parser<string> Identifier;
    public static readonly Parser<IReadOnlyList<Argument>> ArgumentList;

    static ExpressionGrammar()
    {
        var expression = Deferred<Expr>();
        var rawIdentifier = Terms.Identifier().Then(static s => s.ToString());
        Identifier = rawIdentifier.When(static (_, s) => !Reserved.Contains(s));

        var notClosing = OneOf(Literals.Char('}'), Literals.Char('%'));

        var integer = Terms.Pattern(char.IsAsciiDigit);
        var fraction = Literals.Char('.').SkipAnd(Literals.Pattern(char.IsAsciiDigit));
        var number = integer.And(ZeroOrOne(fraction)).Then<Expr>(static t =>
            t.Item2.Count == 0
                ? new LiteralExpr(long.Parse(t.Item1.Span, provider: System.Globalization.CultureInfo.InvariantCulture))
                : new LiteralExpr(double.Parse(t.Item1.ToString() + "." + t.Item2[0].ToString(), System.Globalization.CultureInfo.InvariantCulture)));

        var singleString = Terms.String(StringLiteralQuotes.Single).Then<Expr>(static s => new LiteralExpr(s.ToString()));
        var doubleString = Terms.String(StringLiteralQuotes.Double).Then<Expr>(static s => StringInterpolation.Parse(s.ToString()));

        var namedArgument = Identifier.AndSkip(Terms.Char('=').WhenNotFollowedBy(Literals.Char('='))).And(expression)
            .Then(static t => new Argument(t.Item1, t.Item2));
        var positionalArgument = expression.Then(static e => new Argument(null, e));
        ArgumentList = Between(Terms.Char('('), ZeroOrOne(Separated(Terms.Char(','), OneOf(namedArgument, positionalArgument))), Terms.Char(')').ElseError("Expected `)` to close the argument list"))
            .Then(static a => a.Count == 0 ? NoArguments : a[0]);

        var list = Between(Terms.Char('['), ZeroOrOne(Separated(Terms.Char(','), expression)), Terms.Char(']').ElseError("Expected `]`"))
            .Then<Expr>(static items => new ListExpr(items.Count == 0 ? [] : items[0]));
        var entry = expression.AndSkip(Terms.Char(':')).And(expression);
        var map = Between(Terms.Char('{'), ZeroOrOne(Separated(Terms.Char(','), entry)), Terms.Char('}').ElseError("Expected `}` to close the map"))
            .Then<Expr>(static entries => new MapExpr(entries.Count == 0 ? [] : entries[0].Select(static e => (e.Item1, e.Item2)).ToList()));
        var parenthesised = Between(Terms.Char('('), expression, Terms.Char(')').ElseError("Expected `)`"));
        var call = Identifier.And(ArgumentList).Then<Expr>(static t => new FunctionExpr(t.Item1, t.Item2));
        var variable = Identifier.Then<Expr>(static name => name switch
        {
            "true" or "TRUE" => new LiteralExpr(true),
            "false" or "FALSE" => new LiteralExpr(false),
            "null" or "none" or "NULL" or "NONE" => new LiteralExpr(null),
            _ => new VariableExpr(name),
        });
        var primary = OneOf(number, singleString, doubleString, list, map, parenthesised, call, variable);

        var dotMember = Terms.Char('.').WhenNotFollowedBy(Literals.Char('.'))
            .SkipAnd(OneOf(rawIdentifier, Terms.Pattern(char.IsAsciiDigit).Then(static s => s.ToString())))
            .Then<Func<Expr, Expr>>(static name => target => new MemberExpr(target, new LiteralExpr(name)));
        var indexMember = Between(Terms.Char('['), expression, Terms.Char(']').ElseError("Expected `]`"))
            .Then<Func<Expr, Expr>>(static key => target => new MemberExpr(target, key));
        var postfix = primary.And(ZeroOrMany(OneOf(dotMember, indexMember)))
            .Then(static t => t.Item2.Aggregate(t.Item1, static (acc, f) => f(acc)));

        var unary = Recursive<Expr>(u => new StackGuard<Expr>(OneOf(
            Terms.Char('-').SkipAnd(u).Then<Expr>(static e => e is LiteralExpr { Value: long l } ? new LiteralExpr(-l) : e is LiteralExpr { Value: double d } ? new LiteralExpr(-d) : new UnaryExpr("-", e)),
            Terms.Char('+').SkipAnd(u).Then<Expr>(static e => new UnaryExpr("+", e)),
            postfix)));

        var coalesce = Parsers.LeftAssociative(unary,
            (Terms.Text("???"), static (a, b) => new BinaryExpr("???", a, b)),
            (Terms.Text("??"), static (a, b) => new BinaryExpr("??", a, b)));

        var concatTail = Terms.Char('~').SkipAnd(coalesce).Then<Func<Expr, Expr>>(static r => l => new BinaryExpr("~", l, r));
        var filterTail = Terms.Char('|').SkipAnd(rawIdentifier.ElseError("Expected a filter name after `|`")).And(ZeroOrOne(ArgumentList))
            .Then<Func<Expr, Expr>>(static t => l => new FilterExpr(l, t.Item1, t.Item2.Count == 0 ? NoArguments : t.Item2[0]));
        var filtered = coalesce.And(ZeroOrMany(OneOf(concatTail, filterTail)))
            .Then(static t => t.Item2.Aggregate(t.Item1, static (acc, f) => f(acc)));

        var multiplicative = Parsers.LeftAssociative(filtered,
            (Terms.Char('*'), static (a, b) => new BinaryExpr("*", a, b)),
            (Terms.Char('/'), static (a, b) => new BinaryExpr("/", a, b)),
            (Terms.Char('%').WhenNotFollowedBy(Literals.Char('}')), static (a, b) => new BinaryExpr("%", a, b)));
        var additive = Parsers.LeftAssociative(multiplicative,
            (Terms.Char('+'), static (a, b) => new BinaryExpr("+", a, b)),
            (Terms.Char('-').WhenNotFollowedBy(notClosing), static (a, b) => new BinaryExpr("-", a, b)));
        var comparison = Parsers.LeftAssociative(additive,
            (Terms.Text("=="), static (a, b) => new BinaryExpr("==", a, b)),
            (Terms.Text("!="), static (a, b) => new BinaryExpr("!=", a, b)),
            (Terms.Text("<="), static (a, b) => new BinaryExpr("<=", a, b)),
            (Terms.Text(">="), static (a, b) => new BinaryExpr(">=", a, b)),
            (Terms.Text("<"), static (a, b) => new BinaryExpr("<", a, b)),
            (Terms.Text(">"), static (a, b) => new BinaryExpr(">", a, b)),
            (Terms.Keyword("equals"), static (a, b) => new BinaryExpr("==", a, b)));
        var range = Parsers.LeftAssociative(comparison, (Terms.Text(".."), static (a, b) => new BinaryExpr("..", a, b)));

        var containsTail = Terms.Keyword("contains").SkipAnd(range).Then<Func<Expr, Expr>>(static r => l => new BinaryExpr("contains", l, r));
        var testTail = Terms.Keyword("is").SkipAnd(ZeroOrOne(Terms.Keyword("not"))).And(rawIdentifier.ElseError("Expected a test name after `is`")).And(ZeroOrOne(ArgumentList))
            .Then<Func<Expr, Expr>>(static t => l => new TestExpr(l, t.Item2, t.Item1.Count > 0, t.Item3.Count == 0 ? NoArguments : t.Item3[0]));
        var tested = range.And(ZeroOrMany(OneOf(containsTail, testTail)))
            .Then(static t => t.Item2.Aggregate(t.Item1, static (acc, f) => f(acc)));

        var or = Deferred<Expr>();
        var not = OneOf(Terms.Keyword("not").SkipAnd(or).Then<Expr>(static e => new UnaryExpr("not", e)), tested);
        var and = Parsers.LeftAssociative(not, (Terms.Keyword("and"), static (a, b) => new BinaryExpr("and", a, b)));
        or.Parser = new StackGuard<Expr>(Parsers.LeftAssociative(and, (Terms.Keyword("or"), static (a, b) => new BinaryExpr("or", a, b))));

        var ternary = or.And(ZeroOrOne(Terms.Char('?').WhenNotFollowedBy(Literals.Char('?')).SkipAnd(expression).AndSkip(Terms.Char(':').ElseError("Expected `:` in the ternary operator")).And(expression)))
            .Then<Expr>(static t => t.Item2.Count == 0 ? t.Item1 : new TernaryExpr(t.Item1, t.Item2[0].Item1, t.Item2[0].Item2));
        expression.Parser = new StackGuard<Expr>(ternary);
        Expression = expression;
    }
}
